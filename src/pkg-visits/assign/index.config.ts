export default definePageConfig({ navigationBarTitleText: '分配联系户' });
