export default definePageConfig({ navigationBarTitleText: '公开账目' });
