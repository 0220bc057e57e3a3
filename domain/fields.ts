/** The 13 business fields (所属业务领域): the routing key from a case to its working group and branch. */
export const FIELDS = {
  'general-affairs': { zh: '总务部/综合办', en: 'General affairs' },
  catering: { zh: '伙食管理', en: 'Catering' },
  'student-housing': { zh: '学生公寓', en: 'Student housing' },
  property: { zh: '物业管理', en: 'Property management' },
  energy: { zh: '能源管理', en: 'Energy management' },
  commerce: { zh: '商贸管理', en: 'Commerce' },
  safety: { zh: '安全管理', en: 'Safety' },
  'culture-hr': { zh: '思想文化与人力资源管理', en: 'Culture and human resources' },
  informatization: { zh: '信息化建设', en: 'Informatization' },
  'real-estate': { zh: '房产管理', en: 'Real estate' },
  construction: { zh: '建设与修缮', en: 'Construction and repair' },
  reception: { zh: '接待服务', en: 'Reception services' },
  k12: { zh: '中小学后勤', en: 'Primary and secondary school logistics' },
} as const;

export type FieldCode = keyof typeof FIELDS;
export const FIELD_CODES = Object.keys(FIELDS) as [FieldCode, ...FieldCode[]];

export function isFieldCode(value: string): value is FieldCode {
  return Object.prototype.hasOwnProperty.call(FIELDS, value);
}
