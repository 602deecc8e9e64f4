/**
 * The shared vocabulary: service keys (contract in ../shared/eval/README.md), the situations
 * the plans name, school stages, guardian relations. Every module uses these lists.
 */

export const SERVICE_KEYS = [
  'child_health', 'preschool', 'compulsory_education', 'high_school', 'vocational_education',
  'medical_services', 'medical_insurance', 'severe_mental_disorder', 'housing', 'basic_living',
  'guardianship_care', 'disability_rehab', 'disability_education', 'minimum_living', 'extreme_poverty',
  'temporary_assistance', 'charity_support', 'home_visit', 'guardianship_support', 'family_education',
  'mental_health', 'cultural_life', 'city_integration', 'school_integration', 'safety_legal',
] as const
export type ServiceKey = (typeof SERVICE_KEYS)[number]

/** Situations of a child that the plans name; any of them makes the child a key case (重点关爱服务对象). */
export const SITUATIONS = [
  'dibao_family', // 低保家庭
  'extreme_poverty', // 特困 (extreme-poverty family)
  'disability', // 残疾
  'orphan', // 孤儿
  'unsupported', // 事实无人抚养
  'hiv_affected', // 受艾滋病影响
  'no_guardian', // 监护缺失
  'wandering', // 流浪
  'psych_behaviour', // 心理行为问题
  'severe_mental_disorder', // 确诊严重精神障碍
  'housing_difficulty', // 住房困难
] as const
export type Situation = (typeof SITUATIONS)[number]

export const SCHOOL_STAGES = ['none', 'nursery', 'kindergarten', 'primary', 'junior', 'senior', 'vocational'] as const
export type SchoolStage = (typeof SCHOOL_STAGES)[number]

export const RELATIONS = ['mother', 'father', 'grandparent', 'other_relative', 'guardian'] as const
export type Relation = (typeof RELATIONS)[number]

export const SESSION_KINDS = ['family_education', 'mental_health'] as const
export type SessionKind = (typeof SESSION_KINDS)[number]

/** The longest topic of a session (what the family wants to talk about) a channel passes on: the API's limit, the bot's too. */
export const TOPIC_MAX_LENGTH = 500
