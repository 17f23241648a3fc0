export default definePageConfig({ navigationBarTitleText: '更正或撤回' });
