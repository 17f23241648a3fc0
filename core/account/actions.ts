import { z } from 'zod';
import { action } from '../action';
import { Id } from '../ids';
import { ROLES } from '../roles';

/** The account module: who am I, and my own settings. */

const Role = z.enum(ROLES as unknown as [string, ...string[]]);

export const Prefs = z.strictObject({
  /** null: not chosen yet, follow WeChat's own font setting (关怀模式). */
  elderMode: z.boolean().nullable(),
});

export const WhoAmI = z.strictObject({
  accountId: Id,
  name: z.string(),
  roles: z.array(Role),
  joined: z.boolean(),
  village: z
    .strictObject({
      id: Id,
      name: z.string(),
      townshipName: z.string(),
      householdCount: z.number().int(),
      residentCount: z.number().int(),
    })
    .nullable(),
  township: z
    .strictObject({ id: Id, name: z.string(), villages: z.array(z.strictObject({ id: Id, name: z.string() })) })
    .nullable(),
  household: z.strictObject({ code: z.string(), groupName: z.string(), memberCount: z.number().int() }).nullable(),
  prefs: Prefs,
});

export const whoami = action({
  name: 'account.whoami',
  summary: '我是谁：当前用户的姓名、所在村、户和角色',
  input: z.strictObject({}),
  output: WhoAmI,
  who: 'signedIn',
  errors: [],
});

export const setPrefs = action({
  name: 'account.setPrefs',
  summary: '保存个人设置（长辈版开关），跟着账号走，换手机也在',
  input: z.strictObject({ elderMode: z.boolean() }),
  output: Prefs,
  who: 'signedIn',
  errors: [],
  emits: ['PrefsChanged'],
});

export const accountActions = { whoami, setPrefs } as const;
