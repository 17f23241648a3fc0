export default definePageConfig({ navigationBarTitleText: '户的情况' });
