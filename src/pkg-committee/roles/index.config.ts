export default definePageConfig({ navigationBarTitleText: '村里人的角色' });
