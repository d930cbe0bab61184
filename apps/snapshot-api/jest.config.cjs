const preset = require('../../jest.preset.cjs');

// jose ships only as an ES module, which jest cannot require on Node 22:
// swc turns it into CommonJS like our own sources.
module.exports = {
  displayName: 'snapshot-api',
  preset: '../../jest.preset.cjs',
  transform: {
    ...preset.transform,
    '/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
