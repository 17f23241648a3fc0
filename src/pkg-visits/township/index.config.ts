export default definePageConfig({ navigationBarTitleText: '全镇走访情况' });
