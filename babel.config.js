// Taro compiles the app with Babel; TypeScript checks run separately (npm run typecheck).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
