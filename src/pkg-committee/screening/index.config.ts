export default definePageConfig({ navigationBarTitleText: '议事审核' });
