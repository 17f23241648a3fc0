export default definePageConfig({ navigationBarTitleText: '公开栏管理' });
