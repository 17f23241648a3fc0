export default definePageConfig({ navigationBarTitleText: '互助工作队' });
