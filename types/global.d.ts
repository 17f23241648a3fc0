/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.scss';

/** Set at build time from the XZ_CLOUD_ENV environment variable (config/index.ts). */
declare const XZ_CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV?: 'weapp' | 'h5';
  }
}
