/**
 * Reading what a parent typed: full-width digits and spaces made plain, commands matched by
 * word or number ("1", "登记", "register"), in either language.
 */
export { charCount } from '../shared/characters'

/** Trims, turns full-width characters (１２３, ＡＢＣ, full-width space) into plain ones, and lower-cases latin letters. */
export function normalise(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
}

/** Strips polite filler and punctuation around a short command: "1。" "登记吧" "好的！". */
export function bare(text: string): string {
  return normalise(text).replace(/[。．.!！?？,，、~～\s]+$/u, '').replace(/^[\s]+/, '').replace(/(吧|呀|啊|吗|呢)$/u, '')
}

/** True when the (bare) text is one of the words. */
export function isOneOf(text: string, words: readonly string[]): boolean {
  const b = bare(text)
  return words.some((w) => b === w.toLowerCase())
}

/** A number the parent chose ("3", "第3个", "３"), or null. */
export function chosenNumber(text: string): number | null {
  const b = bare(text).replace(/^第/, '').replace(/(个|项|条|号)$/u, '')
  if (/^\d{1,3}$/.test(b)) return Number(b)
  // in Chinese numerals, as a grandparent writes them ("四", "第十二项"): "四" was not understood in the checklist
  return ZH_NUMBERS[b] ?? null
}

const ZH_DIGITS = ['一', '二', '三', '四', '五', '六', '七', '八', '九']
/** 一 … 二十九 (两 for 2). */
const ZH_NUMBERS: Record<string, number> = { 两: 2 }
ZH_DIGITS.forEach((d, i) => {
  ZH_NUMBERS[d] = i + 1
  ZH_NUMBERS[`十${d}`] = 10 + i + 1
  ZH_NUMBERS[`二十${d}`] = 20 + i + 1
})
ZH_NUMBERS['十'] = 10
ZH_NUMBERS['二十'] = 20

export const WORDS = {
  yes: ['1', '是', '是的', '对', '对的', '好', '好的', '同意', '可以', '确认', '没问题', 'yes', 'y', 'ok', 'okay', 'agree', 'confirm', 'sure'],
  no: ['2', '否', '不', '不是', '不对', '不同意', '不要', '不用', '没有', '无', 'no', 'n', 'disagree', 'none', 'nope'],
  back: ['上一步', '返回上一步', '后退', '退回', 'back', 'previous'],
  redo: ['重填', '重新填', '重来', '重新开始', 'restart', 'start over', 'redo'],
  menu: ['菜单', '主菜单', '目录', '功能', '帮助', '你好', '您好', 'hi', 'hello', 'menu', 'help', '0'],
  cancel: ['取消', '退出', '算了', '不办了', 'cancel', 'quit', 'exit', 'stop'],
  human: ['人工', '转人工', '人工服务', '找工作人员', '工作人员', '找人', '客服', '真人', 'human', 'staff', 'person', 'talk to a person', 'agent'],
  english: ['english', '英文', '英语', 'in english'],
  chinese: ['中文', '汉语', '普通话', 'chinese', '简体中文'],
  pause: ['暂停提醒', '关闭提醒', '不要提醒', '别提醒', 'pause reminders', 'stop reminders', 'pause'],
  resume: ['恢复提醒', '打开提醒', '开启提醒', 'resume reminders', 'resume', 'start reminders'],
  more: ['更多', '下一页', '还有吗', '继续', 'more', 'next'],
  official: ['原文', '官方原文', '官方说法', 'official', 'official wording', 'original'],
  thanks: ['谢谢', '谢谢你', '谢谢您', '谢谢你们', '多谢', '感谢', '非常感谢', '好的谢谢', '好的,谢谢', '好的 谢谢', '谢谢,辛苦了', '谢啦', '辛苦了', '辛苦了谢谢', 'thanks', 'thank you', 'thx', 'ok thanks', 'ok,thanks', 'ok, thanks', 'thanks a lot'],
} as const
