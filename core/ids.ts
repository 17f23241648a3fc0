import { z } from 'zod';

/** Ids are short printable strings: generated ones, derived ones and demo ones alike. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:-]+$/, { message: '编号格式不对' });

/**
 * Made by the phone once for something it sends, and sent again with every retry: what reached the
 * server before the network dropped its answer is not made twice (cloudfunctions/shared/once.ts).
 */
export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { message: '编号格式不对' });

/**
 * A file id: `f_<32 hex>` from the local gateway, or `cloud://<env>/<path>` from wx.cloud.uploadFile.
 */
export const FileId = z
  .string()
  .min(3)
  .max(300)
  .regex(/^(f_[0-9a-f]{32}|cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+)$/, { message: '文件编号格式不对' });
