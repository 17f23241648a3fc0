export default definePageConfig({ navigationBarTitleText: '村两委办理' });
