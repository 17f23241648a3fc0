export default definePageConfig({ navigationBarTitleText: '我收到的通知（演示）' });
