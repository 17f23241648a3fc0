export default definePageConfig({ navigationBarTitleText: '该公开什么了' });
