import { z } from 'zod';

/** Ids are short printable strings: generated ones, derived ones and demo ones alike. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_:-]+$/, { message: '编号格式不对' });
