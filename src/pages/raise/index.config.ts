export default definePageConfig({ navigationBarTitleText: '提一件事' });
