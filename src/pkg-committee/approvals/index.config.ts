export default definePageConfig({ navigationBarTitleText: '审核加入申请' });
