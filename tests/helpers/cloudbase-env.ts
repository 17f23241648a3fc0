/**
 * Import first in any test that loads @cloudbase/node-sdk. Without TENCENTCLOUD=true the SDK asks
 * metadata.tencentyun.com on every call whether it runs on Tencent Cloud (../shared/TOOLCHAIN.md);
 * with it, tests send nothing beyond loopback.
 */
process.env.TENCENTCLOUD = 'true';

export {};
