/**
 * What parents say for each checklist service. Built from the checklist items' names and
 * content (服务项目, 服务内容 of the national, Shanxi, Jincheng, Inner Mongolia, Baotou and Shitai
 * lists) and from the everyday words families use for the same things.
 *
 * Notation: entries are separated by spaces; `term*w` gives a weight (default 2).
 * - zh terms match as substrings, and by sound (pinyin) when written with a homophone or in pinyin.
 * - en terms match at the start of a word (`vaccin` matches vaccine, vaccination); `$` at the end
 *   asks for the whole word.
 * Weights: 4–5 names the service outright, 2–3 a clear sign, 1 and below a hint.
 */
import type { ServiceKey } from '../../content/vocabulary'

export type LexKey = ServiceKey | 'none'

export interface LexiconEntry {
  zh: string
  en: string
}

export const LEXICON: Record<LexKey, LexiconEntry> = {
  child_health: {
    zh: `疫苗*4 预防针*4 防疫针*4 打针*1.5 接种*3.5 疫苗本*4 接种本*4 接种证*4 补种*2.5 补打*1.5 漏打*1.5 打完针*1
      体检*2.5 儿童保健*4 儿保*3.5 保健*1 查体*2.5 生长发育*3.5 发育*2 发育评估*3 长得*1 个子*1 身高*1 体重*1 长得慢*2 比别人*0.5 小一圈*1.5
      视力*1.5 眼睛*1 近视*1 眯眼*1.5 眯着眼*1.5 斜视*1.5 眼保健*3 喂养*2.5 辅食*2.5 奶粉*1.5 母乳*1.5 肥胖*1.5 超重*1.5 挑食*1
      托育*4 托儿*3.5 托儿所*4 托班*3.5 早教*2 育婴*2 婴幼儿*2 没人带*1.5 没人看*1.5 白天没人*1 宝宝*1 婴儿*1.5 新生儿*2 满月*1.5 个月大*1
      乙肝*1.5 卡介苗*4 百白破*4 麻疹*2 脊灰*3 糖丸*3 手足口*1.5 龋齿*1.5 涂氟*3 窝沟封闭*3 不会走路*2 不会说话*1.5 走路晚*2 说话晚*2 不爱吃饭*2 吃饭少*1.5 体检报告*2 接种证丢*3 看孩子的地方*1.5 帮忙看孩子*1.5 骨龄*2.5 测身高*2.5 身高*1.5 打针的本*3.5 说话还不清*2.5 说话不清*2.5 口齿不清*2.5 吐字*2 语言发育*3 查查*0.5 黄疸*3 湿疹*1 囟门*3 长牙*2 出牙*2 坐不稳*2 爬*0.5 缺钙*3 补钙*3 缺铁*3 微量元素*3 哭闹*1.5 入园体检*4.5 入学体检*4.5 查视力*3 测视力*3 揉眼睛*1.5 麻腮风*4 乙脑*3.5 流脑*3.5 水痘*3 甲肝*3 轮状*3 断奶*2.5 喂养指导*4 针*1 几针*2 三针*2 两针*2 剩下的针*3 打的针*2.5 针打了*2 接种记录*4 查接种*3 体检表*3.5 下一针*3 接种反应*4 疫苗反应*4 不良反应*2.5`,
    en: `vaccin*4 immuni*4 jab*2.5 shots$*2 shot$*1.5 check-up*2.5 checkup*2.5 health check*2.5 well-child*3 growth*2 develop*1 eyesight*1.5
      vision$*1 daycare*4 day care*4 day-care*4 nursery$*1.5 childcare*3 child care*3 creche*4 toddler*1.5 baby*1.5 babies*1.5 infant*2 newborn*2 months old*1.5 physical exam*2.5 health exam*2.5 medical exam*2 gaining weight*2.5`,
  },
  preschool: {
    zh: `幼儿园*4 幼稚园*4 入园*3.5 上园*2.5 普惠园*4 普惠性幼儿园*4 公办园*4 民办园*3 保教费*4 学前*3 学前教育*4 学前资助*4
      小班*1.5 中班*1.5 大班*1.5 园所*2 幼儿*1 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 摇号*1 学前班*3.5 伙食费*1.5 托费*2 幼儿园学费*4 学费*0.8`,
    en: `kindergarten*4 preschool*4 pre-school*4 pre school*4 nursery school*4 kindergarden*4 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6`,
  },
  compulsory_education: {
    zh: `小学*3.5 初中*3 一年级*3 二年级*2.5 三年级*2.5 四年级*2.5 五年级*2.5 六年级*2.5 七年级*2.5 八年级*2.5 九年级*2.5 初一*3 初二*3 初三*3
      义务教育*4 入学*2.5 上学*1.5 读书*1 念书*1.5 转学*2.5 转学手续*3 学籍*2 学位*2 中考*4 课本*2.5 教科书*2.5 书本费*2.5 学杂费*1.5
      两免一补*4 营养餐*3.5 营养餐补助*4.5 营养改善*4 午餐补助*3 寄宿*1.5 住校*1.5 住宿费*1 生活补助*1.5 随迁子女*1.5 公办学校*2.5 民办学校*1.5 私立*1 民办*1 公办*1 公立*1 片区*1.5 划片*2.5 学区*1.5 就近入学*4
      开学*0.5 报名*0.5 入学证明*3 学校*0.5 上一年级*1 打工子弟学校*3 小升初*4 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 考高中*4 升高中*3 赞助费*3.5 借读费*3.5 择校费*3.5
      学校不收*2 不让上学*2 积分*2.5 教育局*1.5 学费*0.6`,
    en: `primary school*4 elementary school*4 middle school*4 junior high*4 junior middle*4 school place*2.5 enrol*2 enroll*2 transfer school*3 change school*2.5
      zhongkao*4 textbook*2.5 school fees*1.5 grade 1$*2 grade 2$*2 grade 3$*2 grade 4$*2 grade 5$*2 grade 6$*2 grade 7$*2 grade 8$*2 grade 9$*2 first grade*2
      school*1 boarding*1.5 school year*0.5 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6 which school*2.5 school registration*3 register for school*3 primary*2 what school*2 no places*2.5 local school*2 place in the school*3 place at the school*3 place in a school*3 place at a school*3 place in school*3 place at school*3 get into school*3 get into a school*3 get into the school*3 into the school near*3 into a school near*3 school near*2 school nearby*2 school close to*2`,
  },
  high_school: {
    zh: `高中*3.5 普高*4 普通高中*4 高一*3.5 高二*3.5 高三*3.5 高考*4 异地高考*4 考大学*2.5 读高中*4 上高中*4 助学金*1.5 国家助学金*1 建档立卡*1 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 中考完*3.5 考完中考*3.5 中考后*3 读高中*1 上高中*1 高中录取*2 上普高*4.5 本地上普高*4.5 重点高中*4.5 本地读高中*4.5 报考高中*4.5 报高中*4.5 报考普高*4.5 报考普通高中*4.5 报考本地*2 学费*0.8`,
    en: `high school*4 senior high*4 senior school*3 gaokao*4 grade 10*3 grade 11*3 grade 12*3 university entrance*3 college entrance*3 tenth grade*3 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6`,
  },
  vocational_education: {
    zh: `职高*4.5 中职*4.5 中专*4.5 技校*4.5 技工学校*4.5 职业学校*4.5 职业高中*4.5 卫校*4.5 职校*4.5 中等职业*4.5 涉农专业*3
      学汽修*2 学电焊*2 学厨师*2 学幼师*1.5 学护理*1.5 职业教育*3.5 学技术*1 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 职中*4.5 学门技术*2 学一门技术*2 学手艺*2.5 学门手艺*2.5 学个手艺*2.5 学一门手艺*2.5 学点手艺*2.5 学一技之长*2.5 一技之长*2 当厨师*2 学烹饪*2 学修车*2 学理发*2 学美发*2 学数控*2 学费*0.8`,
    en: `vocational*4.5 technical school*4.5 trade school*4.5 technical college*3.5 polytechnic*3.5 apprentic*1.5 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6 technical secondary*4.5 technical*2 learn a trade*3.5 learn a skill*2.5 become a chef*2 become a mechanic*2`,
  },
  medical_services: {
    zh: `家庭医生*4 签约*1 社区医院*2.5 社区卫生*2.5 卫生服务中心*3 卫生服务站*3 卫生院*2 门诊*2 看病*1.5 看医生*2 看个医生*2 就医*1 就诊*1.5
      发烧*2.5 发热*2 感冒*2.5 咳嗽*2.5 拉肚子*2.5 肚子疼*2 生病*1 病了*1 儿科*2 健康档案*4 大医院*1 打点滴*1.5 挂号*1.5 牙疼*1.5 小病*2 基本医疗*3 高烧*2.5 发高烧*2.5 诊所*2.5 急诊*2 社区医生*3.5 医生*1.5 打针吃药*1.5 不舒服*1.5 过敏*1.5 皮疹*2 长疹子*2 嗓子疼*2 拉稀*2 吐了*1.5 看牙*3 牙医*3 流鼻血*2.5 哪个医院*2 去医院*1.5 医院看*1.5 鼻炎*2 哮喘*1.5 湿疹*2 破伤风*3.5 止血*2 流血*1 出血*2 流了好多血*3 流好多血*3 头磕*2.5 磕到头*2.5 磕到了头*2.5 一直吐*2.5 呕吐*2.5 没呼吸*3 不喘气*3 捞上来*2.5 摔了一跤*1.5 磕破*1.5 猫抓*3 狗咬*3 被狗咬*3.5 狂犬*3.5 得了水痘*3.5 出水痘*3.5 得了流感*3.5 要不要隔离*2 家庭大夫*4 签个家庭*3 签家庭*3 大夫*1.5 看大夫*2 社区大夫*3.5 签约医生*3.5 家庭医师*4 签约大夫*3.5 不太好*0.5 出疹子*2 起疹子*2 疹子*1.5 骨折*3 胳膊弯*3 腿弯*3 胳膊断*3 腿断*3 摔断*3 脱臼*3 近视*2.5 近视眼*3 配眼镜*2.5 眼科*3 度数*1.5`,
    en: `family doctor*4 gp$*2.5 doctor*2 clinic*2 fever*2.5 cough*2.5 cold$*1.5 flu$*2 sick*1.5 ill$*1 health record*3 paediatric*1.5 pediatric*1.5 see a doctor*2 bleeding*2.5 nosebleed*3 nose is bleeding*3 stitches*3 fracture*3 broken arm*3 broken leg*3 broke his*2 broke her*2 x-ray*2.5 sprain*3 injur*2 vomit*2.5 threw up*2.5 throwing up*2.5 diarrh*2.5 rash$*2 stomach pain*3 stomach ache*3 stomachache*3 tummy ache*3 belly ache*3 in pain*2`,
  },
  medical_insurance: {
    zh: `医保*4 医疗保险*4 居民医保*4 合作医疗*4 新农合*4 参保*3.5 报销*2.5 报不了*2 结算*2.5 直接结算*3.5 异地就医*4 备案*2 自费*2
      医药费*1.5 看病的钱*1.5 看病钱*1.5 医疗费*1.5 医保卡*4 社保卡*1 住院费*1.5 大病保险*3 药费*1 医疗保障*4 能报*2 报多少*2.5 怎么报*2.5 能不能报*2.5 回老家报*2.5`,
    en: `insurance*4 insured*3.5 reimburs*3 medical bill*2.5 hospital bill*2.5 bills$*1 out of pocket*2 pay everything*1.5 local scheme*1.5`,
  },
  severe_mental_disorder: {
    zh: `精神分裂*5 精分*5 精神障碍*4 精神病*4 双相*5 躁郁*4 躁狂*4 严重精神*5 精神疾病*3.5 精神科*2 随访*1.5 精康*4 精神康复*4
      幻听*3 幻觉*3 被害妄想*4 妄想*3 有人要害*3 服药*0.5 停药*1.5 把药停*1.5`,
    en: `schizophren*5 bipolar*5 psychosis*5 psychotic*5 severe mental*5 mental illness*3.5 mental disorder*3.5 psychiatric*3 hallucinat*3 hears voices*3 diagnosed*1.5 follow up*1.5`,
  },
  housing: {
    zh: `公租房*5 廉租房*5 保障房*5 保障性住房*5 租房补贴*5 租赁补贴*5 住房补贴*4 房租*2.5 租金*2 租房*1.5 出租屋*1.5 住房*2.5 房子*1 住房困难*4
      实物配租*5 便宜房子*3 政府的房子*3 太挤*1.5 挤在*1.5 工棚*1.5 安置房*2.5 人才公寓*2.5 住不下*2 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 住不起*2.5 涨房租*2.5 房租涨*2.5 买不起房*2 廉价房*3 住房保障*4 公房*4 棚子*1.5 便宜的房*3 住的地方*1.5 住处*1.5`,
    en: `housing*4 public rental*5 rent$*2.5 rental*2.5 landlord*1 apartment*1 cheap flat*2 rent subsidy*5 tiny room*1.5 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6`,
  },
  basic_living: {
    zh: `孤儿*5 事实无人抚养*6 无人抚养*5 艾滋*5 父母双亡*5 爸妈都不在*3 父母都不在*3 爸妈都走了*3 爸妈都没了*3 父母都没了*3 没爹没妈*3
      去世*1.5 判刑*1.5 坐牢*1 服刑*1 改嫁*1.5 基本生活费*4 生活费*1 生活补贴*1.5 母婴传染*3 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 基本生活保障*4 过世*1.5 坐过牢*1.5 生活费谁出*3 爸妈都不在了*3 父母都走了*3 都没了*1.5 在监狱*1 监狱*0.5`,
    en: `orphan*5 hiv$*5 aids$*4 lost both parents*5 both parents died*5 parents died*3 passed away*1.5 in prison*1 living allowance*2 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6 nobody supports*3 no one supports*3 unsupported*4 both in prison*2 money for kids*1 disappeared*2 raising their*2 raising my nephew*2 raising my niece*2`,
  },
  guardianship_care: {
    zh: `临时监护*5 长期监护*5 监护照料*5 福利院*5 儿童福利院*5 福利机构*5 儿童福利机构*5 救助站*4 救助保护机构*5 未成年人救助保护*5 救助保护*3
      托付*2 照看*2 没人照顾*1.5 被警察带走*3 带走了*1 被抓*2.5 抓走*2.5 被拘留*3 拘留*2 看守所*3 服刑*2 坐牢*1.5 进去服刑*3 住院*0.5 做手术*0.5
      今晚能去哪*2.5 能去哪*1 桥洞*2 流浪*3 街头*1.5 找个地方*1.5 收留*3 寄养*3 扔在家*3 扔在屋*3 扔在出租屋*3.5 扔下*2 丢下*2 扔给*1.5 从家里跑出来*3 跑出来的*2.5 火车站*1.5 汽车站*1.5 车站里*1.5 剩个*1.5 剩下*0.5 一个人在家*2 自己在家*2 单独在家*2 谁来管*2.5 谁管*1 长期照顾*2.5 暂时照顾*2 扣下*2.5 派出所*2 一个人在*1.5 现在一个人*2 回不来*1.5 没人接*3 抢救*1.5 病倒*1.5 救护车*2 戒毒所*2 收养*2 救助机构*4 没人能带*2 暂时没人*1.5 都不在了*1.5 临时托管*3 住院生孩子*2 生孩子*1 临时住*2.5 地方能临时*2 住几天*1.5 临时托管的地方*3.5 帮着带*2 带几个月*2 地方能帮*1.5 民政来监护*4 由民政*2 国家监护*4 民政监护*4 都走了*2 谁来抚养*3 拉扯不动*2 养不动*2 带不了*2 带不了几天*3 托给机构*4 暂时托给*3 治病*1 谁来照顾*3 没有其他亲人*3 没有亲人*2.5 一个人在出租屋*3 没有家人去接*3 在派出所*2 被隔离*2.5 没人做饭*2 没人去接*3 等我*1 能送到哪里*3 送到哪*2.5 在监狱*1.5 监狱*1`,
    en: `foster*3 welfare institution*5 child welfare*3 children's home*3 look after*1.5 take care of*1.5 nobody to*1.5 no one to*1.5 arrested*3 detained*3
      in custody*2 in jail*2 prison*1.5 alone in the*2 home alone*2 shelter*2 no food*1 stay with*1 alone$*1.5 arrested this*3 both parents were*1 welfare home*5 stay at a*1 while i'm in hospital*2 in hospital*1 someone care for*2.5 care for him*2 care for her*2 cannot take*1 can't take*1 can stay*2 somewhere to stay*2 need surgery*1.5 surgery*1 on his own*2 on her own*2 stuck in hospital*2 with nobody*3 father is in prison*2 mother died*2`,
  },
  disability_rehab: {
    zh: `残疾*2.5 残疾证*3.5 残联*3.5 两项补贴*5 护理补贴*4 康复*2.5 康复训练*3.5 康复救助*5 康复机构*3.5 孤独症*3.5 自闭症*3.5 脑瘫*4 唐氏*2.5
      智力障碍*3 智力残疾*3 智障*3 发育迟缓*2.5 听力*1.5 助听器*3 人工耳蜗*5 聋*2 视力残疾*2 肢体*2 轮椅*2 假肢*4 矫形*3 辅具*2.5 辅助器具*2.5 残疾人*2
      语言障碍*2 残疾儿童*2.5 补助*0.6 补贴*0.6 减免*0.6 资助*0.4 唐氏儿*3 耳朵听不见*3 听不见*2 看不见*1.5 残疾儿童护理*3 重度残疾*2.5 腿脚不方便*2.5 行动不便*2.5 坐轮椅*2.5 先天性*1.5 智力低下*3 兔唇*3 唇腭裂*3.5 先天性心脏病*3 天生*1.5 癫痫*2 聋哑*2.5 从小瘫*3.5 天生瘫*3.5 坐不起来*2.5 坐都坐不起来*3 站不起来*2`,
    en: `disab*3 autis*3.5 cerebral palsy*5 rehab*3.5 hearing aid*3 cochlear*5 deaf*2 blind*2 wheelchair*2 down syndrome*3 prosthe*4 special needs*2 therapy for*1 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6`,
  },
  disability_education: {
    zh: `特教*4.5 特殊教育*5 特殊学校*5 特教学校*5 随班就读*5 送教上门*6 残疾学生*4 培智*5 盲校*5 聋校*5 资源教室*4 特殊学习用品*4 残疾孩子上学*4 培智学校*5 普通学校不收*3 学校不敢收*3 不敢收*2.5 不收残疾*3 聋哑学校*5.5 教室安排*3 安排在一楼*3 没有电梯*2 上门教*3 上门教学*4.5 老师上门*3 来家里教*3 到家里教*3 送教*4.5 一天学没上*2.5 没上过学*2 特校*5 特殊学校去*5 去特校*5 盲童*3.5 聋童*3.5 盲文*3 盲文书*4 盲文课本*4.5 盲文教材*4.5`,
    en: `special school*5 special education*5 inclusive education*4 disabled student*4 special-needs school*5 special needs school*5 school for the blind*5.5 school for the deaf*5.5 deaf school*5.5 blind school*5.5 school for disabled*5.5`,
  },
  minimum_living: {
    zh: `低保*5 最低生活保障*6 最低生活*5 低保户*5 低保边缘*5 吃低保*5 最低生活补助*5 收入低*2 收入很低*2 没收入*1.5 没有收入*1.5 挣得少*1.5 挣得太少*2
      生活困难*1 紧巴*1.5 瘫*1.5 打零工*1.5 不够吃*1.5 吃饭都*1 养不起*1.5 补助*0.7 补贴*0.6 减免*0.6 资助*0.4 没钱*0.8`,
    en: `dibao*5 minimum living*5 subsistence*3.5 welfare payment*2 low income*2 income*1 can't work*1.5 cannot work*1.5 unable to work*1 unemployed*1 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6 minimum living allowance*6 almost no income*2 no income*1.5`,
  },
  extreme_poverty: {
    zh: `特困*6 特困供养*6 特困户*6 五保*5 供养*3 救助供养*5 生活不能自理*2.5 没有劳动能力*2.5 无劳动能力*2.5 丧失劳动能力*2.5 干不动*2 没法干活*1.5 一点收入没有*1.5 七十多*1 没劳动能力*2.5 七八十*1.5 特困人员*5 干不了活*2.5 没有任何收入*2.5 收入来源*1 老人带着孩子*1.5 无依无靠*3 兜底*2.5 没有收入*1.5 相依为命*2 分散供养*5 集中供养*5 三无人员*5 三无的*3 三无孩子*4 三无儿童*4`,
    en: `extreme poverty*6 extremely poor*5 tekun*5 destitute*3 no income*1.5 elderly*2 with no income*2.5 no income at all*3`,
  },
  temporary_assistance: {
    zh: `临时救助*6 急难*4 救急*4 急难救助*6 突发*1.5 突然*0.5 意外*1 着火*3 火灾*3 烧光*2 烧没*2 被淹*3 淹了*3 水灾*3 洪水*3 地震*3 被偷*1.5 钱包*1
      回不去*1.5 路费*2 押金*1.5 交不起*1 米都没了*3 没钱吃饭*3 揭不开锅*3 白血病*2 大病*1.5 查出*1 摔伤*1.5 摔下来*1.5 工伤*1.5 老板跑路*2.5 工资没发*2.5
      欠薪*2.5 被赶出来*3 赶出来*2.5 没地方住*2.5 没地方去*1.5 候车室*2 车里过夜*3 过夜*1 物资*1.5 先给点*1 应急*2 花光*1.5 掏空*2 没着落*1.5 救命钱*2 一分钱都没*2 一点钱都没*2 补助*0.65 补贴*0.6 减免*0.6 资助*0.4 车祸*3 没钱了*2 救助*1 一下子*1 丧葬费*3 治丧*2 困难补助*1.5 断了收入*2 断水断电*3 积蓄全没*3 积蓄*1.5 全没了*1.5 没吃没喝*3 被困*2 救个急*4 骗光*2 还要吃饭*1.5 暖气停*2.5 家里没钱*2 无处可去*3 房子塌了*3 塌了*1.5 肇事*3 肇事司机*3 医药费拿不出*3 拿不出来*2 房东撵*3.5 被房东赶*3.5 房东赶*3.5 房东撵出来*3.5 房东赶出来*3.5 不知道住哪*2.5 今晚住哪*2.5 没钱*0.8 没有住的地方*2.5 没住的地方*2.5`,
    en: `emergency*3.5 urgent help*2 fire$*2.5 flood*3 lost everything*3.5 stolen*2.5 robbed*2.5 evicted*3 kicked out*2 nowhere to*2.5 no money*2 can't afford*1
      temporary assistance*6 crisis*2 subsid*0.6 allowance*0.6 grant*0.6 financial help*0.6 sleeping in our car*3.5 in our car*2 freezing*1 bus station*2 train station*2 savings*2.5 stole*2 food$*1 car accident*3 accident*2 can't pay*2 cannot pay*2 no heating*3`,
  },
  charity_support: {
    zh: `慈善*4 公益*2.5 公益组织*4 公益机构*4 爱心*2 爱心组织*4 爱心人士*3.5 爱心企业*3.5 好心人*3 捐*3 资助*2 社会组织*3.5 社工*2.5 社工机构*4 志愿者*2
      结对帮扶*3 帮扶*1.5 关爱帮扶*3.5 对接*1 众筹*3 水滴筹*3 基金会*4 书包*1.5 文具*1.5 冬衣*2.5 棉衣*2.5 棉袄*2.5 衣服*1 志愿者组织*4 志愿组织*4 转介*2 好心人*3 公益组织*4 网课*0.5 捐电脑*3 还差*1.5 手术费*1.5 帮帮我们*1 筹钱*2.5 赞助*3 爱心机构*4 出不起钱*1.5 捐赠*3.5 志愿者辅导*3 免费午餐*3 助学项目*3.5 助学*2 公益项目*3.5 大学生志愿者*4 大学生来陪*3.5 大学生陪*3.5 志愿者陪*3.5 志愿者来陪*3.5 陪伴志愿者*4 大学生哥哥姐姐*4 大学生哥哥*3.5 大学生姐姐*3.5`,
    en: `charit*4 ngo*3.5 donat*3 volunteer*2 sponsor*2.5 non-profit*3.5 nonprofit*3.5 social worker*2.5 crowdfund*3 foundation*2.5 school supplies*1.5 university volunteer*4 student volunteer*4 college volunteer*4 volunteer to spend*3.5`,
  },
  home_visit: {
    zh: `儿童主任*3.5 上门*2.5 来家里*2.5 到家里*2 家访*3.5 探访*4.5 走访*4 探视*3 定期*1 隔段时间*1 定期来看*3 来看看*2.5 多久来*2.5 没人来*2 网格员*1.5
      入户*3 看看孩子*1 儿童督导员*3 常来看看*3 来看看*2.5 定期上门*4 有人来看*2.5 社区的人*1 日常探访*5 经常来*2.5 来问问*2 上门问问*3 关心一下*1 隔三岔五*2 隔三差五*2 去看看*2 常去看看*3 定期联系*3.5 跟我们联系*2 来看一下*2.5 每周来*2.5 每个月来*2.5 安排人*1.5 有个人*1 派人*2 派人来*2.5 定期派*3 常来*2.5 来我家*2.5 看看娃*1.5 能不能去看看*3 能不能来看看*3 去家里看看*3 上门看看*3.5 瞅瞅*1.5 上门瞅瞅*3.5 去他家看看*3 去她家看看*3 派人去看*3.5 派个人去看*3.5 派人来看*3.5 派人上门*4 找人去看看*3 去看一下*2.5`,
    en: `home visit*4.5 visit us*3.5 visit*2 child director*3.5 come to our home*3.5 come to our house*3.5 check on*2 drop by*2 come round*2 come by*2 check on them*3 check on the kids*3 check on my*3 check in on*3 come and see*2.5 visit the kids*3 visit my kids*3`,
  },
  guardianship_support: {
    zh: `监护*2.5 监护人*2 监护权*2 监护缺失*5 监护支持*5 监护指导*5 监护干预*5 监护风险*4 管不住*2 管不了*1.5 不管孩子*3 根本不管*3 基本没人管*2.5 没人管*1.5
      带不动*2 带不好*1.5 顾不上*2 离婚*1.5 赌钱*2 赌博*2 酗酒*2 喝酒*1 喝醉*2 喝醉了*2 喝多了*1.5 耍酒疯*3 敲门没人应*3 敲门没人开*3 敲门没反应*3 打孩子*3.5 家暴*3.5 虐待*4 打骂*2.5 拿皮带*3 皮带*2 抽他*2 抽她*2 身上有伤*3 青一块*3
      后爸*1.5 继父*1.5 后妈*1.5 继母*1.5 不给饭吃*3 锁在*2 关在屋*2 赶出家门*2 常年在外*1 跑长途*1 跑车*1 助童成长*4 个案*2 离家出走*2 没回家*1.5
      不回家*2 夜不归宿*3 网吧*1 打我*2 不敢回家*2.5 找不到人*1 邻居家*1 楼下那家*1 单衣*1.5 门外*1 外面打工*0.5 精神不太好*1 撵出来*2 大人出去*2 打他*2 打她*2 打娃*2.5 天天打*2 动手*1.5 打断*2 没回来*2 到处找*2 找不到*1.5 看着点*1 留守*1.5 放老家*1 不着家*2 被关*2 关在阳台*2.5 陌生人*1 夜班*1 没人照顾*1.5 要饭*2.5 饿得*2 大人不知道去哪*3 不知道去哪了*1.5 管不过来*2 照顾不过来*2 在外地*0.5 吃力*1.5 一个人带*2 罚跪*3 体罚*2.5 淤青*2 帮帮忙*1 不愿意管*3 推来推去*2.5 不愿管*3 没人愿意管*3 照顾不好*2.5 帮着指导*2 吸毒*2 戒毒*2 顾不过来*2 没去上学*2.5 逃学*2.5 旷课*2.5 打不通*1.5 被掐*2.5 保姆*1.5 大人不在*2 没见出门*2 翻垃圾桶*3 找吃的*2 进她房间*2.5 进他房间*2.5 家里没人*2 皮包骨*2.5 不给孩子饭吃*3 勒痕*3 弄的*1 罚她站*2.5 罚他站*2.5 摸孩子*2.5 抗拒*1 离家*2 还没找到*2 衣架*1.5 爸妈都不在家*3 父母都不在家*3 绳子*1.5 紫印子*2.5 被窝*2 巴掌印*2.5 关在门外*2.5 垃圾站*1.5 住了好几天*1.5 一个大人都没有*2.5 掀她被子*3 偷东西吃*2 野种*2.5 不让她进家门*3 不让他进家门*3 不管家*3 出走*1.5 管不动*2.5 帮着跑*2.5 帮忙跑*2.5 帮着跑跑*3 帮忙跑跑*3 一团乱*1.5 打骨折*3.5 委托照护*5 委托照顾*5 委托监护*5 委托书*3 委托*2 托给邻居*3 托给亲戚*3 托给老乡*3 委托手续*4 委托协议*4 托付给邻居*3 托付给亲戚*3 爸妈都不在身边*1 父母都不在身边*1 不在身边*0.5`,
    en: `guardian*2.5 neglect*3 abus*3.5 beat*1.5 beaten*2.5 hits$*2 hit$*1.5 violen*3 drunk*1.5 gambl*2 nobody looks after*2 no one looks after*2 too old*1.5
      who looks after*2 divorce*1.5 runaway*2 ran away*2 run away*2 missing*2 kicked him out*2 kicked her out*2 stairwell*2 bruise*1.5 beaten*2.5 being beaten*3 screaming*1 alone$*1.5 neighbour*1 neighbor*1 not come home*2.5 hasn't come home*2.5 phone is off*1 never looks after*3 doesn't look after*3 does not look after*3 drinks$*1.5 step in*2 work away*1 locks*1.5 ignores*2.5 intervene*2 custody*1 haven't seen any adult*3 crying all night*1.5 leaves her*2 leaves his*2 toddler alone*2 hurts her*3 hurts him*3 stepdad*1.5 being hit*3 next door*1 coach touches*3 touches him*3 touches her*3 left outside*3 burns on*2 father did it*3 dad did it*3 entrusted care*5 entrust*3 power of attorney*3 leave our son with*2 leave our daughter with*2 leave him with*2 leave her with*2`,
  },
  family_education: {
    zh: `家庭教育*5 家长学校*5 家长课堂*5 家长课*3.5 教育孩子*2.5 怎么教*2 咋教*2.5 咋管*2 怎么管*2 管孩子*2 叛逆*2.5 顶嘴*2.5 青春期*2 沟通*2 发火*1.5 吼*1.5
      亲子*2 不亲*2.5 相处*1.5 育儿*2.5 带孩子*1 当家长*2 家长*0.5 责令*3 训诫*2 玩手机*1 沉迷*1 指点*1.5 教育方法*2.5 给家长讲课*3 讲课*1 咋带孩子*2.5 不听话*2 怎么跟他解释*3 怎么跟她解释*3 怎么解释*2.5 跟孩子解释*3 摔门*2.5 打游戏*1.5 该怎么办*1 说他*1 说不得*2 一说就*2 脾气*1 教家长*3.5 陪孩子*2 陪写作业*2.5 陪孩子写作业*3.5 管教*3 家长怎么*2 撒谎*2.5 说谎*2.5 不改*1 惯着*2.5 溺爱*2.5 宠坏*2 当爹妈*2 当爸妈*2 打架*1 老打孩子*1 想改*1.5 爱打人*2.5 打小朋友*2.5 该怎么教*3 我该怎么教*3 调皮*2.5 好妈妈*3 好爸爸*3 当妈妈*2 当爸爸*2 当个好*2 淘气*2.5 熊孩子*2.5 教教我*2.5 一着急*1.5 忍不住打*2 当父母*2.5 该怎么做*1.5 一问就烦*2 话都不说*1.5 不理我们*2 家长讲座*4 磨蹭*2 生气*1.5 跟他生气*2 教育观念*4 观念不一样*2.5 夹在中间*2 老吵架*1.5 早恋*3 该不该管*2.5 要不要管*2.5 算不算要管*2.5 需不需要管*2.5 怎么跟他说*2.5 怎么跟她说*2.5 脏话*2.5 骂也骂了*2.5 打也打了*2 二胎*2 嫉妒*2.5 怎么平衡*2 亲子关系*4 不听我们的*2 算家暴吗*4 打孩子屁股*2 改善关系*3.5 怕我*2 怎么识别*3 识别*2 说谎成性*3 打骂都没用*3 说要离家出走*3.5 闹着要离家出走*3.5 嚷着要离家出走*3.5 吵着要离家出走*3.5 威胁要离家出走*3.5 喊着要离家出走*3.5 嘴上说说*2 没收手机*2.5 少玩*2 咋让他*1.5 咋让她*1.5 怎么让他*1.5 怎么让她*1.5 抱着手机*2.5 手机不离手*2.5 离不开手机*2.5 顶十句*3 一句顶*2.5 管又管不了*3 刷视频*1 甩脸子*2.5 甩脸色*2.5 摆脸色*2.5 没招了*1 刷手机*1`,
    en: `parenting*5 parent class*4 better parent*4 talk to my*1.5 communicat*2 disciplin*2 tantrum*2 teenager*1.5 rebel*2 argu*1 yell*1.5 screen time*1.5 raise my*2 how to handle*2 won't listen*2.5 doesn't listen*2.5 listen to me*2 teenage*1.5 talk to my teen*3 fight all the time*2.5 siblings*1.5 handle it*1.5 raising children*3 raise children*3 bring up*2.5 bringing up*2.5 guidance on*1 carers*1 teach parents*3 connect with*2 understand her*1.5 understand him*1.5 parents like me*1.5 barely see*1 lose my temper*3 temper*2 classes for parents*4 for parents*1.5 how to raise*3 raise our*2.5 raising kids*3 raising our*2.5 teaches parents*4 how strict*2.5 advise parents*3 advise couples*2.5 couples like us*1.5`,
  },
  mental_health: {
    zh: `心理*3 心理咨询*4.5 心理辅导*4.5 心理健康*4 心理老师*4.5 心理医生*3.5 心理疏导*4.5 抑郁*3.5 焦虑*3.5 情绪*2 闷闷不乐*3 不说话*1.5 话也不说*1.5 失眠*2
      睡不着*2 哭*1 天天哭*1.5 压力大*2 压力*1 自卑*2 孤僻*2 想死*4 不想活*4 活着没意思*4 自杀*4 轻生*4 自残*4 割腕*4 刀口*2 割手*3 刀划*3.5 划痕*3 刀痕*3.5 割痕*3.5 划的印子*3.5 跳楼*4 跳下去*3.5
      12355*3 发脾气*1 心理筛查*4 害怕*0.5 情绪低落*3 心情不好*2.5 寻死*4 去死*4 一了百了*4 活着太累*4 活不下去*4 死了算了*4 想不开*3 寻短见*4 安眠药*3.5 割脉*4 上吊*4 喝农药*4 自卑*1 发呆*1.5 心理问题*4 被孤立*1.5 做噩梦*2.5 噩梦*2.5 找人聊聊*2.5 聊聊*1 心理出问题*4 心里*1 不开心*2 闷闷的*2 划自己*4 伤害自己*4 割自己*4 撞墙*2 留了张纸条*2 说对不起*1.5 妈妈对不起*3 爸爸对不起*3 妈对不起*3 爸对不起*3 疏导*3.5 偷偷哭*2.5 不愿意说话*2 找人疏导*4 心理原因*3.5 心理评估*4.5 大哭大闹*2 内向*1.5 胆子小*1.5 针对他*1.5 永别*4 吃药的照片*3 天台*2 拉下来*1.5 不吭声*2 抹眼泪*2.5 撑不下去*3.5 活腻*4 手腕*1.5 割伤*2 割伤自己*4 一瓶药*3.5 整瓶药*3.5 活着没用*4 多余的*2 自己是多余*3 用不着了*2.5 说再见*2 江边*1.5 活不过*4 再也不想见*2.5 不会回来了*2 不爱说话*2 不爱讲话*2 不爱吭声*2 孩子有问题*0.6 不太好*0.5 心情不太好*2.5 心情差*2.5`,
    en: `counsel*4.5 therap*3 psycholog*3.5 mental health*4 depress*3.5 anxi*3.5 stress*2 can't sleep*2 cry*1 crying*1 sad$*2 withdrawn*2 suicid*4 kill himself*4
      kill herself*4 kill myself*4 want to die*4 wants to die*4 self-harm*4 self harm*4 cutting*2 lonely*1.5 emotional*2 overdos*4 pills$*1.5 end it all*4 want to live*3 anxious*3.5 worried about*0.5 panic*3.5 someone (she|he) can talk to*2 talk to someone*2.5 nightmares*2.5 scared all the time*2 cut herself*4 cut himself*4 end it$*3.5 hurt herself*4 hurt himself*4 disappear*1.5 end her life*4 end his life*4 can't go on*4 cannot go on*4 better off without*4 stopped eating*2 left a note*3 saying sorry*1.5 will jump*4 on the bridge*2 gave away her things*4 gave away his things*4 said goodbye*2 cutting her arms*4 cutting his arms*4 never wake up*4`,
  },
  cultural_life: {
    zh: `活动*1.5 儿童之家*4.5 童心港湾*5 儿童活动中心*4.5 图书馆*3 图书室*3 看书*2 读书活动*3.5 阅读*2.5 借书*3 借书证*3 绘本*2 兴趣班*3.5 兴趣*1.5 画画*2
      唱歌*1.5 跳舞*1.5 书法*1.5 夏令营*3.5 冬令营*3.5 暑假*1.5 寒假*1.5 周末*1 六一*3 儿童节*3 过节*2 过年*1 托管班*3 托管*1.5 青少年宫*4.5 少年宫*4.5
      文体*2.5 参观*1.5 博物馆*2.5 科技馆*2.5 电影*1.5 玩*0.5 闷着*1 公益活动*3.5 少儿图书馆*4.5 放假*1.5 没事干*1.5 兴趣小组*3 社团*2 演出*1.5 比赛*1 四点半课堂*5 课后托管*3 四点半*2 精神文化*4 生活关爱*4 读书会*4 手工*2.5 手工课*3 故事会*3 无聊*2 去玩*1.5 有没有地方去*1.5 篮球*2 足球*2 训练营*3 体育*1.5 打篮球*2 踢球*2 游乐*2.5 游乐场*3 玩的地方*2.5 美术班*3.5 放电影*3 乐器*3 音乐课*3 音乐*1.5 钢琴*2 吉他*2 放学没地方去*3 托管的地方*2.5 游荡*1 游泳课*3 学游泳*3 游泳班*3`,
    en: `activit*2.5 summer camp*3.5 library*3 reading*2.5 books$*1 club*1.5 children's centre*4 children's center*4 hobby*2 art class*2.5 drawing*2 painting*2
      sport*1.5 festival*1.5 weekend*1 summer*1 holiday*1 museum*2 fun$*1 art$*1.5 music$*1.5 dance*1.5 music class*2.5 piano*1.5 camp$*3 camps$*3`,
  },
  city_integration: {
    zh: `找工作*4 找份工作*4 找个工作*4 就业*3.5 找活*3 职业介绍*4.5 介绍工作*4.5 招聘*3 职业培训*4.5 技能培训*4.5 培训*2 学手艺*2.5 学个手艺*2.5 手艺*1.5
      创业*4.5 开店*2.5 开个小*2 贷款*2 政策*1.5 哪些政策*3 什么政策*2.5 能享受*1 熟悉*2 融入城市*4.5 城市*1 社区环境*2.5 认识城市*3.5 新鲜*1
      刚来*1.5 刚到*1.5 啥都不熟*3.5 人生地不熟*3.5 不熟悉*2 外来务工*1 务工*0.5 灵活*1 求职*4.5 失业*1.5 工作*1 电工证*3 考证*2.5 就业服务站*4.5 就业服务*4 办居住证*2 指个路*1.5 办事*1 找个活*3.5 找活干*3.5 招工*3.5 活干*1 打工的地方*2 进厂*3 城市融入*4.5 认路*3 坐公交*2 坐地铁*2 熟悉环境*3 认识路*3 落户*2.5 刚搬来*2.5 搬来*1 办事的地方*2.5 社区服务中心*2.5 招聘渠道*3.5 中介*1.5 讲讲*1.5 都去哪*2.5 都在哪*2 给我们讲讲*2.5 新工作*3.5 辞退*2 被辞退*2 送外卖*0.3 跑外卖*0.3`,
    en: `job*3.5 jobs*3.5 employment*3.5 work$*0.5 training*2.5 skill*2 career*2.5 business*2 start-up*2.5 loan*2 policies*2 policy*1.5 new to the city*3.5
      just moved*1 get to know*2 settle in*2 find work*3.5 finding work*3.5 find work*3.5 countryside*1 came from*0.5 don't know anyone*3 just arrived*2 new here*2`,
  },
  school_integration: {
    zh: `融入*2 融进去*2.5 融入班级*4.5 融入学校*4.5 没朋友*3 没人理*3 一个人坐着*2 不合群*3 口音*2.5 听不懂*2 跟不上*3 成绩*2 成绩差*2.5 倒数*2.5 补课*3
      补补课*3 辅导*1.5 课后辅导*4 学业辅导*4.5 学业*2 作业*1.5 不会写*1 课后*1.5 基础*1.5 教材*2 转学生*2 刚转学*1.5 转学过来*2 转过来*1 不想去学校*2.5
      不愿意去上学*2.5 不想上学*2.5 厌学*3 社会实践*3 学校活动*2.5 校园活动*2.5 笑话他*2 笑话她*2 歧视*2 同学*1 班里*1 帮扶*0.5 插班*1 没人跟他玩*3 没人跟她玩*3 没人和他玩*3 没人和她玩*3 不想去上学*2.5 补习*3 补习班*3.5 多帮帮*1.5 上课跟不上*4 被孤立*2 孤立*1.5 普通话*2 被笑话*2 笑话*1.5 多关心*1.5 班上*1 补差*3 适应*1.5 不适应*2 不敢跟同学*3 跟同学说话*2 不敢说话*1.5 区别对待*3.5 看不起*2.5 排挤*3 不公平*1.5 学校融入*4.5 校园融入*4.5 外地佬*3 不想去了*1.5 被同学笑话*3 新班级*2.5 一个朋友都没有*3 朋友都没有*3 没有朋友*3 一个人吃饭*2 被老师批评*2.5 老师批评*2 不守纪律*2 不习惯*2 不守规矩*2 阅读理解*3 语文*1.5 数学*1.5 英语*1.5 太差*1 免费辅导*3.5 信息课*2 孩子有问题*0.6 老师反映*0.6`,
    en: `keep up*3 fit in*3 make friends*2.5 no friends*3 classmate*2 tutor*3 homework*2 grades$*2 accent*2.5 falling behind*3 behind$*1 extra help*2.5
      after-school*1.5 school activit*2 fitting in*3.5 schoolwork*3 struggl*2.5 dialect*2 chinese class*1.5 mandarin*1.5 new school*2 friends$*1.5 new class*2 sits alone*3 sitting alone*3 plays alone*3 playing alone*3 eats alone*3 eating alone*3 hasn't spoken*2 doesn't talk at school*3 quiet at school*3 since we moved*1.5 shy$*1.5`,
  },
  safety_legal: {
    zh: `安全教育*4.5 安全*2 防溺水*4.5 溺水*3 防欺凌*4.5 欺凌*3.5 霸凌*3.5 欺负*3 被打*1.5 堵着打*3 堵着要钱*3 拦着要*2.5 堵厕所*3 抢他东西*2.5 起外号*2 性侵*3 防性侵*4.5 猥亵*3
      交通安全*4.5 头盔*2 电动车*1 消防*2 防火*2 防拐*4.5 拐骗*3 人贩子*3 诈骗*3 防诈骗*4.5 被骗*2.5 网友*2.5 网上*1 上网*2 短视频*2 游戏*1 网络*1.5
      未成年人模式*5 青少年模式*5 普法*4.5 法律*3 法治*4 未成年人保护法*5 保护法*2 违法*2 犯罪*2 带坏*2 自我保护*3 保护自己*3 自救*2.5 报警*1.5 威胁*1.5
      敲诈*2 勒索*2 裸照*3 拍了照片*1.5 高年级*1.5 大孩子*1.5 被几个*2 几个人打*3 按在*2 网上认识*3 约他出去*2 约她出去*2 见网友*3 网恋*3 校园暴力*4.5 暴力*2 班会*1 社会青年*2.5 拦着要钱*3 抢钱*2.5 收保护费*3 网友骗*3 骗去*2 带刀*3 刀*1 老师摸*3 性骚扰*3.5 骚扰*2.5 有人跟着*3 跟踪*3 绑架*4 赎金*3 陌生人*1.5 安全风险防范*4.5 法治安全*4.5 冒充*3 骗钱*3 骗家长*2 怎么防*2 防骗*3.5 零花钱*1.5 坏人*3 被同学推*3 推倒*2.5 推了一下*1.5 给他糖*3 给她糖*3 骗上车*3 去车上*2 拽着*2 往车里拉*3 拉上车*3 强行*1.5 网上骂*3 骂他*1.5 骂她*1.5 P图*2.5 p图*2.5 丑图*2 发群里*2 网暴*3.5 网络暴力*4 能报警*2 被人骗*2.5 游戏装备*2 三无*2.5 零食*1 入群*2 拉群*2 学校门口*1.5 校门口*1.5 童工*3.5 拉去打工*3 工头*1.5 合法吗*2 逃生*4 火灾逃生*5 地震逃生*5 应急避险*4.5 打赏*2.5 直播*1.5 没人的地方*3 不让他告诉*2.5 不让她告诉*2.5 来家里找*2 找上门*2 拐卖*3 拐卖儿童*4 接送*1 河边*2 玩水*2.5 游泳*1.5 面包车*2.5 围着打*3 群殴*3 被人扣下*3 不让走*2 欠了钱*1.5 黄色视频*3.5 色情*3 跟到*2 被陌生人*2 游戏里认识*3 去他家*2 脱衣服*2.5 拉她的手*3 带她走*2.5 一伙人*2 威胁要钱*3 小树林*1.5 校外的人*2.5 防范*3 带着刀*3 堵他*2 堵她*2 老师打的*2.5 有人贩子*3 被关在*1.5 堵在*2 小巷*1.5`,
    en: `safety*3.5 safe$*1.5 bully*3.5 bullied*3.5 bullies*3.5 drown*3 traffic$*2.5 traffic safety*4.5 road safety*4.5 helmet*2 online*1.5 internet*2 scam*3 fraud*2.5 legal*2.5 law$*2.5 laws$*2.5
      touched*2 inappropriat*2 molest*3 stranger*2 predator*3 blackmail*3 threaten*2 asking for photos*3 messages*1 a man*1 stranger*2 followed*2 following*1 unless he pays*3 post his photos*3 threatening*2 get in his car*3.5 offered my daughter*2 offered my son*2 meet secretly*3.5 keeps messaging*2.5 older boys*2 after school*1 took his phone*1.5 into a van*3 pull my son*2 beat up*3 following my daughter*3 following my son*3`,
  },
  none: {
    zh: `你好*1 您好*1 谢谢*1.5 多谢*1.5 辛苦*1 在吗*1.5 收到*1.5 好的*1 哈哈*1.5 天气*3 下雨*3 快递*3 修手机*3 手机欠费*3 充值*1 驾照*3 身份证过期*3 班车*3
      公交卡*3 公众号*2 字太小*2 卖菜*3 物业*1.5 外卖*3 解决了*1 新闻*2.5 报道*2.5 太吓人*2 吓人*1.5 补办*1.5 挺好的*2 没事了*2 谢谢你们*2 投诉*2.5 取消关注*3 政府的吗*2 是机器人*2 在不在*2 商家*2 手机被偷*3 自行车被偷*3 电动车被偷*3 狗*2 猫*2 宠物*2 付费*2.5 编程*2 哪家*1.5 推荐*1.5 养老金*3 旧衣服*2 居住证办理*2 好感人*2 感人*1.5 情节*2 电影里*2.5 揪心*1.5 挺开心*2 开玩笑的*1.5 纪录片*3 看了一个*1 讲个笑话*3 讲笑话*3 说个笑话*3 讲段子*3 讲个段子*3 猜谜*3 脑筋急转弯*3 陪我聊天*3 陪我聊*3 唱首歌*3 唱个歌*3 你叫什么*3 你是谁*3 你几岁*3 今天几号*3 几点了*2.5 星期几*2 房东扣*3 扣押金*3 扣了押金*3 押金不退*3 不退押金*3 退押金*3 要回押金*3 房东不退*3 你叫啥*3 你几岁了*3`,
    en: `hello*1 hi$*1 thanks*1.5 thank you*1.5 weather*3 real person*2 delivery*2 parcel*2 good morning*2 good night*2 news$*2.5 scary*1 bye$*1.5 what time*2 football*1.5 should i worry*1 documentary*2.5 made me cry*1.5 tell me a joke*3 joke$*1.5 sing a song*3 who are you*2.5 what's your name*3`,
  },
}

/** Words that take back what follows them in the same clause ("不是要上学，是要打疫苗"). */
export const NEGATORS_ZH = ['不是要', '不是想', '不是问', '不是说', '不是', '并不是', '并非', '不用', '不需要', '不问', '先不说', '不是关于', '不考虑', '不打算']
/** Words after a term that take it back ("低保我们已经有了"). */
export const POST_NEGATORS_ZH = ['已经有了', '已经办了', '已经办好', '已经解决', '都办好了', '已经上了', '不用管', '不需要了']
export const NEGATORS_EN = ["not about", "not asking about", "not for", "don't need", "do not need", "no need for", "not looking for", "isn't about", "is not about", 'not the', 'not a question about']
/** Words that mark the real request after a negation ("是要", "而是", "but"). */
export const CONTRAST_ZH = ['而是', '是要', '是想', '是问', '就是想', '主要是']
