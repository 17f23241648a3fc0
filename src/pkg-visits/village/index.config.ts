export default definePageConfig({ navigationBarTitleText: '全村走访情况' });
