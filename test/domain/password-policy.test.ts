import { createHash } from 'node:crypto';
import { checkPassword, MAX_PASSWORD_LENGTH, PASSWORD_PROBLEM_LABELS, PASSWORD_PROBLEMS } from '../../domain/password-policy';

// Every name and address here is made up.
const account = { username: 'zhang.wei', email: 'zhangwei@example.com', displayName: '张伟' };

describe('checkPassword: length', () => {
  test('fewer than 10 characters is too short, and characters are code points, not UTF-16 units', () => {
    expect(checkPassword('Xk9mQ2vLp', account)).toBe('too-short');
    expect(checkPassword('密码安全性很重要的', account)).toBe('too-short');
    // Five emoji are ten UTF-16 units but five characters.
    expect(checkPassword('🐉🌸🎋🏮🧧', account)).toBe('too-short');
  });

  test('ten Chinese characters are long enough', () => {
    expect(checkPassword('密码安全性很重要的呀', account)).toBeNull();
  });

  test('more than 256 characters is too long; 256 strong characters pass', () => {
    let strong = '';
    for (let i = 0; strong.length < MAX_PASSWORD_LENGTH; i++) strong += createHash('sha256').update(String(i)).digest('base64url');
    strong = strong.slice(0, MAX_PASSWORD_LENGTH);
    expect(checkPassword(strong, account)).toBeNull();
    expect(checkPassword(`${strong}x`, account)).toBe('too-long');
  });
});

describe('checkPassword: common passwords', () => {
  test.each(['password123', 'qwertyuiop', '1234567890', 'aaaaaaaaaa', 'laurel2026laurel', '1qaz2wsx3edc', 'P@ssw0rd2024', 'iloveyou12', 'abcdefghij', '          '])(
    '%j is refused as common',
    (password) => {
      expect(checkPassword(password, account)).toBe('common');
    },
  );

  test('favourites of Chinese password leaks are refused as common', () => {
    for (const password of ['woaini1314', 'wodemima123', 'woaiwojia123', 'zhongguo123']) expect(checkPassword(password, account)).toBe('common');
  });

  test('full-width forms typed with a Chinese input method are judged as what they read', () => {
    expect(checkPassword('ｐａｓｓｗｏｒｄ１２３', account)).toBe('common');
  });

  test("a password built on the site's own words must be strong without them", () => {
    expect(checkPassword('houqin2024!', account)).toBe('common');
    expect(checkPassword('Laurel-2026-laurel', account)).toBe('common');
    expect(checkPassword('laurelXk9#mQ2vLp', account)).toBeNull();
  });

  test.each(['ZBSONsTxO8', 'ENej48l8Ol', 'AfX5NS6Oiz', 'O3C4zHFDsI', 'l186t0vlyf', 'taylsjum5u', '19hufpttmb', 'nrmt0n4hp5'])(
    'a random 10-character password (%s) passes',
    (password) => {
      expect(checkPassword(password, account)).toBeNull();
    },
  );

  test('a passphrase and a sentence in Chinese pass', () => {
    expect(checkPassword('correct horse battery staple', account)).toBeNull();
    expect(checkPassword('后勤保障服务师生的第一线', account)).toBeNull();
  });
});

describe('checkPassword: the account itself', () => {
  test('the username, repeated or with a year, is refused as like-account', () => {
    for (const password of ['zhang.weizhang.wei', 'zhangweizhangwei', 'zhangwei2024', 'Zhang.Wei2024!']) expect(checkPassword(password, account)).toBe('like-account');
  });

  test('the email address, or its mailbox with digits, is refused as like-account', () => {
    expect(checkPassword('zhangwei@example.com', account)).toBe('like-account');
    expect(checkPassword('ZHANGWEI123456', account)).toBe('like-account');
  });

  test('a display name in Chinese, repeated, is refused as like-account', () => {
    expect(checkPassword('张伟张伟张伟张伟张伟', account)).toBe('like-account');
  });

  test('a display name in Latin letters counts whole and piece by piece', () => {
    const context = { username: 'lmartin', displayName: 'Laura Martinez' };
    expect(checkPassword('lauramartinez', context)).toBe('like-account');
    expect(checkPassword('martinez2024!', context)).toBe('like-account');
  });

  test('a username that is also a good password is still refused', () => {
    expect(checkPassword('Xk9mQ2vLpa', { username: 'Xk9mQ2vLpa' })).toBe('like-account');
  });

  test('a strong password that merely contains the name is accepted', () => {
    expect(checkPassword('张伟Xk9mQ2vLpa#7', account)).toBeNull();
    expect(checkPassword('zhangwei-Xk9#mQ2vLp$8r', account)).toBeNull();
  });

  test('the same password is accepted when it is not built on the account it is for', () => {
    expect(checkPassword('zhangwei2024', account)).toBe('like-account');
    expect(checkPassword('zhangwei2024', { username: 'li.na', email: 'lina@example.com', displayName: '李娜' })).toBeNull();
  });

  test('the domain of the email is not a name: a password holding it is judged on its own', () => {
    expect(checkPassword('example4Xk9mQ2', { email: 'li.na@example.com' })).toBeNull();
  });
});

describe('PASSWORD_PROBLEM_LABELS', () => {
  test('every problem has words in Chinese and in English', () => {
    for (const problem of PASSWORD_PROBLEMS) {
      expect(PASSWORD_PROBLEM_LABELS[problem].zh).toMatch(/\p{Script=Han}/u);
      expect(PASSWORD_PROBLEM_LABELS[problem].en).toMatch(/^The password /);
    }
    expect(PASSWORD_PROBLEM_LABELS['too-short']).toEqual({ zh: '密码至少需要 10 个字符', en: 'The password needs at least 10 characters' });
  });
});

describe('loading', () => {
  test('importing the policy loads no dictionary; the first check loads them, and only once', async () => {
    let loads = 0;
    await jest.isolateModulesAsync(async () => {
      jest.doMock('@zxcvbn-ts/language-common', () => {
        loads += 1;
        return jest.requireActual('@zxcvbn-ts/language-common');
      });
      const policy = await import('../../domain/password-policy');
      expect(loads).toBe(0);
      expect(policy.checkPassword('password123')).toBe('common');
      expect(policy.checkPassword('ZBSONsTxO8')).toBeNull();
      expect(loads).toBe(1);
    });
  });
});
