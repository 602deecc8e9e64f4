/**
 * Is a child possibly in danger now? Rules over the normalised message, each with a reason id.
 * Missing a child in danger is the worst error: the rules lean towards recall. A message is
 * not urgent when every danger sign sits in news, a course, a policy question, something
 * planned for later, or a past event now resolved, and nothing says it is happening now.
 */

interface Sign {
  id: string
  re: RegExp
  w: number
}

const C = '(?:孩子|娃|儿子|女儿|闺女|小孩|孩|他|她|宝宝|侄子|侄女|外甥|外甥女|孙子|孙女|学生|俩孩子|两个孩子|两个娃)'

/** Danger signs; weight ≥ 1 is urgent alone, smaller ones add up. */
/** A child's fall or a blow to the head (从上铺掉下来, 从楼梯上滚下去, 从窗户摔下去, 磕到后脑勺, 头撞到桌角). */
const FALL_OR_BLOW = '(?:(?:摔|掉|滚|跌|栽)(?:下来|下去|下楼|倒|了|到地)|从[^，。,.！!？?]{0,8}(?:摔|掉|滚|跌|栽)|(?:头|脑袋|后脑勺|脑门|额头)[^，。,.！!？?]{0,4}(?:磕|撞|砸)|(?:磕|撞|砸)(?:到|在|了|破)[^，。,.！!？?]{0,4}(?:头|脑袋|后脑勺|脑门|额头))'
/** What makes a fall an emergency now: much blood, out cold, not moving, fits, vomiting again and again. */
const BAD_AFTER_FALL = '(?:流(?:了)?(?:好多|很多|一大摊|一地|满脸|满头|不少)(?:的)?血|(?:头|脑袋|额头|脑门|后脑勺)[^，。,.！!？?]{0,4}(?:血止不住|止不住|(?:流)?血(?:流)?(?:个)?不止)|一直(?:在)?(?:流|冒|淌)血|(?:满头|满脸|一头|一脸)(?:都)?(?:是)?血|大出血|晕(?:过去|倒|了过去)|昏(?:过去|迷)|不省人事|(?:叫|喊)(?:了)?(?:半天|好久|几声|好几声)?(?:他|她)?(?:都|也)?不醒|醒不过来|还没醒|没醒|没(?:有)?反应|动不了|不能动|起不来|站不起来|抽搐|抽起来|抽了|吐了(?:好几|几|两|三|四)(?:次|回|遍)|一直吐|老是吐|连着吐|又吐了)'
const SIGNS: Sign[] = [
  // self-harm and suicide
  { id: 'self_harm', re: /想死|不想活|活着没意思|活着没劲|活着太累|活不下去|一了百了|死了算了|不如死|想不开|寻短见|自杀|轻生|寻死|自残|割腕|割脉|割手|划手|跳楼|跳下去|跳河|跳江|上吊|烧炭|卧轨|喝农药|喝了药|安眠药|吞药|吞了.{0,4}(药|片)|一整瓶|遗书|遗言|永别|结束生命|去死|活不过|活不到明天|活着没用|活着也没用|消失算了|(跟|和|向)(这个)?世界告别|离开这个世界|撑不下去|熬不下去|活腻|坚持不下去了|不想.{0,2}活|怎么死|活够了|死了就好|想消失|划自己|割自己|伤害自己|撞墙|打自己|(好多|好几道|好几条|一道道|一条条|一道一道|一条一条|密密麻麻)[^。，,！？]{0,4}(刀|划|割)[^。，,！？]{0,3}(印|痕|口子|伤)|(刀|划|割)(的|出来的)?(印子|痕迹|伤痕|道子)[^。，,！？]{0,6}(新的|新鲜|还在流血|刚结痂)|(手腕|胳膊|手臂|大腿)上[^。，,！？]{0,4}(划痕|刀痕|割痕)/, w: 1.2 },
  { id: 'self_harm', re: /(自己|手腕|胳膊|手臂).{0,4}(割伤|割破|划伤|划破)|从楼上(跳|飞)下去|飞下去|(一瓶|整瓶|一把|好多|一堆|一板).{0,3}药.{0,3}(都)?(吃了|吞了)|吃了.{0,3}(一瓶|整瓶|一把|一板)(的)?药|\b((will|going to|wants to|threaten(s|ing)? to) jump)\b/, w: 1.2 },
  { id: 'self_harm', re: /(楼顶|天台|窗台|房顶|楼顶上|桥上|江边|河边|阳台上).{0,6}(不下来|不肯下|要跳|站了|坐着不动)|\b(on the roof|on the ledge|won'?t come down)\b/, w: 1.2 },
  { id: 'self_harm', re: /(手腕|胳膊|手臂|大腿)上?.{0,6}(刀口|刀痕|划痕|伤口|口子|血)/, w: 1.2 },
  { id: 'self_harm', re: /刀口|刀痕|划痕/, w: 0.8 },
  { id: 'self_harm', re: /\b(suicid\w*|kill (him|her|my|them)sel(f|ves)|wants? to die|end (his|her|my) life|end it all|(wants?|going|gonna|about|plans?|planning|trying) to end it|end it (tonight|today|now)|(doesn'?t|does not|don'?t) want to live|can'?t go on|cannot go on|never wake up|not (to )?wake up again|gave away (her|his|their) (things|stuff|belongings)|giving away (her|his) (things|stuff)|better off without (me|her|him|them)|stopped eating|no reason to live|not worth living|take (his|her) own life|(doesn'?t|don'?t) want to be here anymore|better off dead|self[- ]?harm\w*|cut(ting|s)? (him|her)self|cutting (her|his) (arms|wrists|legs)|wants? to disappear|hurt(ing)? (him|her)self|jump off|overdos\w*|took (a lot of |too many |all (his|her|the) )?(pills|tablets|sleeping pills))\b/, w: 1.2 },
  // violence and abuse
  { id: 'abuse', re: /家暴|虐待|打骂|拿皮带|皮带抽|用皮带|拿棍子|拿鞋底|掐脖子|烫伤他|烟头烫|往死里打|打得.{0,4}(血|伤|青|肿|紫|断|骨折|住院)|打断|打骨折|打(孩子|他|她|娃)(?!.{0,1}(电话|疫苗|针))/, w: 1.1 },
  { id: 'abuse', re: /血印|身上有伤|身上.{0,4}伤|青一块|紫一块|鼻青脸肿|满身是伤|都是血|流血|淤青|青紫|伤痕累累|被掐|掐的|掐痕|勒痕|伤痕|紫印|红印|一圈一圈|巴掌印|手印|(老师|他|她|同学)打的|(拿|用)绳子|绑(的|着|起来|在)|(爸|妈|父亲|母亲|继父|后爸|后妈|叔叔|舅舅)弄的|不让(她|他|孩子)?睡觉|罚(她|他)站|掐.{0,3}印子|烟头烫|咬的印|(爸|妈|父亲|母亲|继父|后爸|后妈|叔叔|舅舅|他们)打的|罚跪|体罚|跪在门外/, w: 1.0 },
  { id: 'neglect', re: /穿单衣|冻得|站在门外|关在门外|光着脚|脏兮兮|没人管|没人照顾|没人看/, w: 0.5 },
  { id: 'neglect', re: /(好几|几|两|三|四|五|\d+)(天|晚|夜|个晚上)(了|没)|一个多(星期|礼拜|月)|(一|两|几|好几|\d+)个?(礼拜|星期)(了|没)|一周了|\b(for (days|two days|three days|a week)|since (friday|monday|tuesday|wednesday|thursday|saturday|sunday|yesterday))\b/, w: 0.4 },
  { id: 'abuse', re: /(打|揍|抽)(我|他|她)?(和|跟)?(孩子|娃)|(又|又在|天天|经常|总是)打(?!牌|工|麻将|游戏|球|电话|针|疫苗|卡|车)|被打(?!工|针|疫苗)|围着打|群殴|被.{0,6}(打(?!工|电话|针|疫苗|游戏|球|车|扫|算|听|招呼|卡)|揍|抽(?!烟|奖|血|查)|踢(?!球))|挨打|堵着打|围殴|打了一顿|动手打/, w: 1.0 },
  { id: 'abuse', re: /打人|动手|喝多了.{0,8}(打|砸|骂|闹)/, w: 0.4 },
  { id: 'fear', re: /吓得.{0,4}(躲|哭|发抖|不敢)|躲在(柜子|床底|厕所|被子|衣柜)|\b(hiding (in|under)|terrified)\b/, w: 0.6 },
  { id: 'sexual_abuse', re: /性侵|猥亵|强奸|摸(她|他|孩子|娃|女儿|儿子|闺女)|(经常|老是|总是)摸|摸我|脱(她|他)衣服|乱摸|不该摸|侵犯/, w: 1.2 },
  { id: 'abuse', re: /\b(beat(s|en|ing)?|hits? (him|her|them|the kids?)|hitting|abus(e|ed|es|ing)|violen(t|ce)|bruis(e|es|ed)|belt|punch(ed|es)?|kick(ed|s)? (him|her))\b/, w: 1.1 },
  { id: 'abuse', re: /\b(scream(s|ing)?|yelling for help|crying for hours)\b/, w: 0.4 },
  { id: 'abuse', re: /\b(chok(e|ed|ing) (him|her)|strangl\w*|slap(ped|s)? (him|her)|whip(ped)? (him|her)|burn(ed|t)? (him|her)|hurts (her|him)|hurting (her|him)|hurt (her|him) (again|badly)|being (hit|beaten|hurt|abused))\b/, w: 1.1 },
  { id: 'abuse', re: /\b(burns on (his|her)|cigarette burns|(his|her) (father|dad|mother|mum|mom|stepdad|stepfather|stepmother|uncle) did (it|this)|black eye|bruises|burn marks|broken (arm|leg|nose)|bleeding)\b/, w: 1.0 },
  { id: 'sexual_abuse', re: /\b(touch(ed|es|ing)? (him|her|my \w+)|inappropriat\w*|molest\w*|rap(e|ed)|sexual(ly)? (abuse|assault)\w*|groom(ed|ing))\b/, w: 1.2 },
  { id: 'threat', re: /威胁|恐吓|跟踪|骚扰/, w: 0.7 },
  { id: 'extortion_mild', re: /敲诈|勒索/, w: 0.8 },
  { id: 'extortion', re: /威胁.{0,6}要钱|不让(他|她)?回家|不(给|交)(钱)?就(打|不让)|裸照|拍了照片|发出去|(堵|拦|围).{0,10}要钱|对方要钱|抢钱|收保护费|不给就打|被抢|不放(他|她)走|没放(他|她)走/, w: 1.1 },
  { id: 'threat', re: /\b(threaten\w*|stalk\w*)\b/, w: 0.7 },
  { id: 'stalked', re: /\b(followed (my|her|him|them)|following (my|her|him|them)|waiting outside|lurking|hanging around (the|our|her|his))\b|一直跟着(?!(我|我们|奶奶|爷爷|姥姥|姥爷|外婆|外公|老))|尾随|在(门口|楼下|校门口)(等|转|蹲)/, w: 0.8 },
  { id: 'stranger', re: /\b(a stranger|strange man|some m[ae]n|a group of (men|boys)|older men)\b|陌生(男|人)/, w: 0.4 },
  { id: 'grooming', re: /\b(ask(s|ed|ing)? (her|him|them|my \w+)? ?for (photos|pictures|pics|nudes)|messages asking for|send(ing)? (her|him) (photos|pictures|gifts|money)|wants to meet (her|him) alone)\b|要(她|他)的?照片|让(她|他)拍照|要(她|他)发照片|约(她|他)单独见面/, w: 1.1 },
  { id: 'extortion', re: /\b((take|takes|took|taking|steal|steals|stole|stealing|demand\w*|grab\w*) (his|her|their|my \w+'?s?) (lunch )?money|money from (him|her) every day)\b/, w: 1.1 },
  { id: 'extortion', re: /\b(blackmail\w*|extort\w*|nudes?|naked (photo|picture)s?|ransom|unless (he|she|they|we|you) pays?|post (his|her|their|my \w+'s) (photos|pictures))\b/, w: 1.1 },
  { id: 'farewell', re: /再也不(想)?见|留(了|下)?(一)?(张|封)?(纸条|信)|说对不起|说再见|道别|告别|交代后事|对不起爸妈|下辈子|永别|把东西都送人|\b(said goodbye|goodbye forever|final message|last message|left a note|note saying|saying sorry|goodbye note)\b/, w: 0.8 },
  // a goodbye message sent by the child (sent me a goodbye message, 发了条告别的微信): the message itself is the sign
  { id: 'goodbye_sent', re: /(告别|道别|诀别|永别)(的)?(消息|微信|短信|信息|语音|视频|留言|话)|发(了|来)?(一)?(条|段|封)?[^，。,.！!？?]{0,4}(告别|道别|诀别)|(朋友圈|空间|群里|微博)[^，。,.！!？?]{0,6}(告别|道别)|\b((sent|texted|messaged|wrote|posted|left) (me |us |her \w+ |his \w+ |everyone |all )?(a )?goodbye|goodbye (message|text|note|letter|video|post)|saying goodbye to (everyone|us|me|all|her friends|his friends)|said goodbye to (everyone|us|me|all|her friends|his friends))\b/, w: 1.0 },
  { id: 'unreachable', re: /电话(也)?不接|不接电话|联系不上|关机|\b(not answering|won'?t answer|phone (is )?off)\b/, w: 0.5 },
  { id: 'abduction', re: /拉(她|他)的手不放|要带(她|他)走|强行带(她|他)|拽着|往车(里|上)(拉|拖|拽)|拉上车|拖上车|拉进.{0,4}车|带上车|抱上车|开车带走|强行(带|抱|拉)|抱走|抢孩子|\b((tried|trying) to (grab|take|pull|drag) (her|him|my \w+|a child|the child|a kid)|into (a|his|the|their) (car|van)|get in(to)? (his|a|the|their) (car|van)|offered (her|him|my \w+) (money|sweets|candy|a ride)|tried to (grab|take|pull) (her|him)|pulled (her|him) (into|toward) a (car|van)|grabbed (her|him))\b/, w: 1.1 },
  { id: 'distress', re: /哭着(打电话|说|跑|求)|哭声|哭喊|一直哭|哭了一(晚上|夜|整天)|哭得很惨|惨叫|\b(crying (all|for)|screaming)\b/, w: 0.5 },
  // the adults gone out for days, the child left behind (两口子出去一个多礼拜了 留下个六岁的小子)
  { id: 'no_adult', re: /(两口子|大人|家长|爸妈|父母)[^，。,.！!？?\s]{0,3}(出去|走了|出门|外出)[^，。,.！!？?\s]{0,6}(几|两|三|四|五|六|七|八|九|十|多|\d)[^，。,.！!？?\s]{0,3}(天|礼拜|星期|周)[^。！!？?]{0,12}(留下|扔下|剩下|撇下)/, w: 1.0 },
  { id: 'no_adult', re: /(爸妈|父母|爸爸|妈妈|大人).{0,8}(没回来|没见回来|没回家|不见人)|没人做饭|一个大人都没有|大人(好像|都|也)?不在|没有大人|家里没大人|家里没人|家长.{0,4}没回来|没(看|瞧)?见(着)?(过)?(他|她)?(家)?(的)?大人|(见|看)不(到|着)(他|她)?(家)?(的)?大人|大人不知道去哪|\b(no adults?|parents (are )?(gone|away|not there)|haven'?t seen (any|an|the) (adults?|parents?|grown-?ups?)|no one (is )?looking after)\b/, w: 0.6 },
  { id: 'grooming', re: /没人的地方|(不让|不许|别|不要)(他|她)?告诉(家长|爸妈|爸爸|妈妈|大人|你们|我们|我|家里|任何人)|让(他|她)保密|(说|讲)(这|这个|这事)?是(他们俩的|咱俩的|我们俩的|他俩的)?秘密|\b(keep (it )?(a )?secret|don'?t tell (your|his|her) (parents|mum|mom|dad))\b/, w: 1.1 },
  { id: 'stalked', re: /要来(家里)?找(她|他|你|我们)|来家里找|找上门|上门找|跟到|跟着(她|他)?到|一路跟着|还在楼下|在楼下等/, w: 0.8 },
  { id: 'online_harm', re: /(网上|网友).{0,6}骗|被网友|网上认识的人/, w: 0.4 },
  { id: 'overdose_hint', re: /吃药的照片|一把药|药瓶|\b(pills|tablets)\b/, w: 0.4 },
  { id: 'trapped', re: /被困|困在|出不来|\b(trapped|stuck inside)\b/, w: 0.6 },
  { id: 'night_visits', re: /(晚上|半夜|夜里|老是|总是|经常|老).{0,6}进(她|他)(的)?(房间|屋)|\b(comes? into (her|his) (room|bed) at night)\b/, w: 0.8 },
  // an adult calling the child into his room or home (房东家那个叔叔老叫她去他屋): with a secret kept, grooming
  { id: 'lured', re: /(叫|喊|让|带|拉|领)(她|他|孩子|娃|闺女|女儿|丫头|姑娘|我家[^，。,.！!？?\s]{1,2})(去|进|到)(了)?(他|她)(的|家)?(屋|房间|家|房里|屋里|宿舍)|(叫|喊|让|带|拉|领)(她|他|孩子|娃|闺女|女儿|丫头|姑娘)(去|进|到)[^，。,.！!？?\s]{1,6}(后面|里面|里头)的?(屋|房间|小屋|仓库)|\b(calls?|called|invites?|invited|takes?|took) (her|him|my \w+) (in)?to his (room|flat|place)\b/, w: 0.5 },
  { id: 'sexual_abuse', re: /钻(到|进)?(她|他)(的)?被窝|上(她|他)的床|掀(她|他)的?被子|半夜.{0,4}(掀|摸)/, w: 1.1 },
  { id: 'afraid', re: /很害怕|特别害怕|害怕得|吓坏|不敢睡|\b(terrified|scared of (him|her)|(she|he)'?s scared|(she|he) is scared)\b/, w: 0.4 },
  { id: 'ledge', re: /天台|楼顶|窗台|房顶|楼顶上|江边|河边|湖边|海边|桥上|\b(rooftop|the roof|window ledge)\b/, w: 0.6 },
  { id: 'pulled_back', re: /拉下来|劝下来|被拦下|又说要去|\b(pulled (her|him) back|talked (her|him) down)\b/, w: 0.6 },
  { id: 'out_late', re: /(晚上|半夜|深夜|凌晨|夜里|\d+点).{0,8}(还在外面|在外面|游荡|在街上|没回家)|\b(out alone at night)\b/, w: 0.6 },
  { id: 'wander', re: /游荡|\bwandering\b/, w: 0.3 },
  { id: 'held', re: /被人扣下|被扣下|不让(他|她)?走(?!读|路)|扣着不放|不放人/, w: 1.1 },
  { id: 'grooming', re: /给(孩子|她|他|娃)看.{0,4}(不好|黄色|色情|裸|乱七八糟)|黄色视频|色情/, w: 1.1 },
  { id: 'now_distress', re: /(现在|刚才|刚刚|正在|还在|今晚|此刻|这会儿?).{0,10}(哭|打|血|怕|躲|抖|不敢|危险|救|不见|不接)|(哭|打|血|怕|躲|抖|不敢|危险|不见).{0,10}(现在|刚才|正在|还在|今晚)|\b(right now|at the moment|as we speak)\b/, w: 0.4 },
  { id: 'abuse', re: /(用|拿)(衣架|皮带|棍子|鞋|鞋底|扫把|尺子|绳子|竹条|棒子|擀面杖).{0,3}(抽|打|揍)|一道道|一条条.{0,2}(伤|印|红)/, w: 1.1 },
  { id: 'sexual_abuse', re: /脱衣服|脱光|让(他|她)脱|拍(裸|光身)|隐私部位|\b(take (his|her) clothes off|undress)/, w: 1.2 },
  { id: 'grooming', re: /认识的人.{0,8}(去他家|去她家|见面|出去)|要(孩子|她|他)去(他|她)家|约(孩子|她|他)(去他家|去她家|单独见面)|\b(meet (her|him)? ?(secretly|in secret|alone)|asking (her|him) to meet)\b/, w: 1.1 },
  { id: 'left_alone', re: /\b(leaves|left) (her|his|their|the) .{0,15}alone|alone for (whole|entire) days|alone all day\b/, w: 1.1 },
  { id: 'harm_near_child', re: /(孩子|娃|儿子|女儿|闺女|小孩|他|她).{0,4}(被)?(抽|踢|踹|掐|拧|扇|烫|咬|绑|锁|饿|冻|摸|脱|拐|抢|威胁|伤|疤|痕|割|吞|勒|推下|扔|逼|虐|折磨)(?!游戏|针|疫苗)/, w: 0.5 },
  { id: 'isolating', re: /把自己(反锁|关|锁)(在|到)?|\b(locked (himself|herself) in)\b/, w: 0.5 },
  { id: 'self_harm_soft', re: /不配活|活着(没|有什么)|解脱|飞下去|从楼上|撑不住了|消失|多余的|是个累赘|没人在乎我|\b(i'?m done|i am done|can'?t do this anymore|tired of living|worthless|a burden)\b/, w: 0.6 },
  { id: 'withdrawn', re: /(两|几|好几|三|\d+)天没出(房)?门|不吃不喝|\b(hasn'?t left (her|his) room)\b/, w: 0.5 },
  { id: 'humiliation', re: /逼着?(他|她|孩子)?(喝|吃|跪|脱|舔)|强迫(他|她|孩子)|录了视频|拍了视频|扇耳光|扇(他|她)|下跪|跪在|搓衣板|\b(forced (him|her) to|made (him|her) (kneel|drink|eat))\b/, w: 1.0 },
  { id: 'rage_home', re: /发疯|发酒疯|耍酒疯|砸门|砸东西|摔东西|掀桌子|\b(smashing|breaking things|in a rage)\b/, w: 0.5 },
  { id: 'neglect_hygiene', re: /没洗澡|没换衣服|身上有异味|浑身脏|脏兮兮|\b(hasn'?t (bathed|washed)|filthy)\b/, w: 0.5 },
  { id: 'neglect_food', re: /讨吃的|要吃的|捡吃的|饿了就|\b(begging for food|asks neighbours for food)\b/, w: 0.6 },
  { id: 'cold', re: /单衣|冻得|在外面冻|零下|\b(in the cold|freezing|left outside|until midnight)\b/, w: 0.5 },
  { id: 'stalked', re: /知道(他|她|你|我们)(住哪|家在哪)|让(他|她)出来|\b(knows where (he|she|we) lives?|waiting for (him|her))\b/, w: 0.8 },
  { id: 'disaster', re: /着火|火灾|塌了|被淹|地震|\b(fire|flood(ed)?|collapsed)\b/, w: 0.5 },
  { id: 'giving_away', re: /(东西|玩具|零花钱|心爱的|宝贝).{0,8}(都)?送(给|人)/, w: 0.6 },
  { id: 'no_future', re: /以后(都)?用不着|用不上了|没有以后了|\b(won'?t need (it|them) anymore)\b/, w: 0.6 },
  { id: 'cornered', re: /被.{0,6}堵在|堵在(小巷|巷子|厕所|角落|路上|楼道)|\b(cornered|trapped (him|her) in)\b/, w: 0.8 },
  // missing, ran away
  { id: 'missing', re: /(?<!说要|要|想|威胁要|吓唬说要)离家出走|跑(出去|出门|出来|走)了?[^，。,.！!？?]{0,3}(好几|几|两|三|四|五|\d+)(天|晚|夜)|走丢|走失|失踪|被拐|拐走|人贩子|找不到(孩子|娃|人|他|她)|到处找|绑架|绑走|不见了|不会回来了|再也不回来|离家.{0,3}(天|晚)|还没找到|人不见|找不着|没回家|还没回来|没有回家|不回家|没回来|夜不归宿|被(人|陌生人)?带走|被人领走|联系不上(孩子|他|她)|(现在|已经|一直|突然|还是)联系不上|被.{0,4}骗(去|走|到)|(手机|电话)(关机|打不通)/, w: 1.1 },
  { id: 'missing', re: /\b(missing|ran away|run away|runaway|hasn'?t come home|not come home|didn'?t come home|never came home|(hasn'?t|didn'?t|did not|has not) come back|(hasn'?t|has not|haven'?t) been home|can'?t (reach|contact|find) (him|her|them)|can'?t find (him|her|my)|(hasn'?t|has not|haven'?t|have not) been seen since|(nobody|no one) has seen (him|her)|disappeared|abduct\w*|kidnap\w*|not back (yet|home)|(never|didn'?t|did not|hasn'?t|has not) (made|make|got|get|arrived?) (it )?(home|back|to school)|(been|are|were|have been) (looking|searching) (for (him|her|them) )?(for (hours|two hours|three hours|\d+ hours)|all (afternoon|evening|day|night)|everywhere)|should (have been|be) (back|home)|(nobody|no one|none of (his|her|their) (friends|classmates)) knows? where (he|she|they) (is|are|went|has gone|have gone))\b/, w: 1.1 },
  // sleeping rough, nowhere to go, thrown out
  { id: 'rough_sleeping', re: /(睡|住|待|呆|躲)在(楼道|楼梯|街上|街头|桥洞|桥下|桥底|桥底下|地下通道|车站|火车站|网吧|公园|车里|外面|地下室|天桥)|露宿|流浪|无家可归|无处可去|没地方睡|(垃圾站|垃圾堆|废品站|菜市场|公园|车站|网吧|楼道|地下室|桥洞|桥下|天桥|马路边).{0,6}(住|睡|待|呆)了|候车室|过夜|赶出来|撵出来|赶出家门|不让(她|他|孩子)?进(家)?门|不敢回家|今晚能去哪|今晚去哪/, w: 1.1 },
  { id: 'homeless', re: /没地方住|住不了了/, w: 0.7 },
  // sleeping where nobody lives (a cardboard box, a doorway, a corridor, a bench), for nights
  // a parent stranded with the children, nowhere to sleep tonight (带着俩娃在火车站 今晚没地方住): a child out tonight
  { id: 'rough_sleeping', re: /(?<=(孩子|小孩|娃|儿子|闺女|女儿|俩小的|两个小的)[^]{0,30})(今晚|今天晚上|今儿晚上|今夜|晚上)[^，。,.！!？?]{0,6}(没(有)?(地方|地儿)|没处|无处|不知道(去)?(哪|哪儿|哪里))(住|睡|落脚|过夜|去|待|呆)|(今晚|今天晚上|今儿晚上|今夜)[^，。,.！!？?]{0,6}(没(有)?(地方|地儿)|没处|无处|不知道(去)?(哪|哪儿|哪里))(住|睡|落脚|过夜|去|待|呆)(?=[^]{0,30}(孩子|小孩|娃|儿子|闺女|女儿))|\b(nowhere to (sleep|stay|go) tonight|tonight[^.!?]{0,20}nowhere to (sleep|stay|go))\b/, w: 1.1 },
  { id: 'rough_sleeping', re: /(好几|几|两|三|连着.{0,2}|每|天天)(个)?(晚|夜|天晚上)(上)?(都|就)?(睡|躺|待|过夜)(在)?(那|这|那儿|这儿|那里|这里|外面|外头|街上|路边)/, w: 1.1 },
  { id: 'rough_sleeping', re: /(睡|躺|蜷)(在|到)?(纸箱|纸壳|箱子|门洞|屋檐|棚子|草垛|草堆|楼梯间|走廊|商场|超市门口|公厕|厕所|废弃|垃圾|路边|马路|广场|桥|长椅|椅子上|台阶)|(晚|夜|天)(都|就)?(睡|躺|蜷)在?(外头|外边|露天|纸箱|路边|街边)/, w: 1.1 },
  { id: 'rough_sleeping', re: /在(公园|广场|网吧门口|车站|火车站|汽车站|候车室|桥洞|桥下|天桥|街上|路边|马路边|楼道|长椅|台阶|门洞|屋檐|地下通道)[^，。,.！!？?]{0,6}(睡(觉)?(?!衣)|过夜|躺着过夜)/, w: 1.1 },
  // a child who ran off after a row and will not come home (叫也叫不回来, 喊他回家也不回)
  { id: 'wont_come_home', re: /(叫|喊|劝)(也|都)?(叫|喊|劝)?不回(来|家)|(叫|喊|劝)(他|她)回(家|来)?(也|都)不回|\bwon'?t come (back|home)\b/, w: 0.6 },
  { id: 'homeless_now', re: /在街上|在马路边|马路上|露天|在外面过夜|车里睡/, w: 0.6 },
  { id: 'rough_sleeping', re: /(桥洞|天桥|桥下|地下通道|垃圾堆|街头|路边|楼道|车站|候车|公园|长椅|广场).{0,10}(小孩|孩子|娃|男孩|女孩)|(小孩|孩子|娃|男孩|女孩).{0,10}(桥洞|街头|楼道|天桥)|没地方去/, w: 0.6 },
  { id: 'rough_sleeping', re: /\b(sleeping (in|on|rough|outside|at)|slept (in|on|outside|at)|(staying|stuck|living|spent the night) (at|in) (the|a) (bus|train|railway) station|under a bridge|in the park at night|homeless|on the streets?|stairwell|nowhere to (go|sleep|stay)|kicked (him|her|us|them)? ?out|thrown out|evicted|living in (our|a|the) car)\b/, w: 1.1 },
  // alone, neglected, hungry, locked in
  { id: 'left_alone', re: new RegExp(`(一个人|自己|单独|独自|俩|两个)(在家|在屋|在出租屋|待在家|呆在家).{0,12}(天|晚|夜|礼拜|星期|一周|没饭|没吃|饿|哭|没人)|(家里|屋里|家|就)剩(个|下|了)?.{0,4}${C}|${C}.{0,6}(没人管|没人照顾|没人看).{0,6}(天|晚|夜|饿|哭)`), w: 1.1 },
  { id: 'left_alone', re: /不给(孩子|他|她|娃)?饭吃|不让(他|她|孩子)吃饭|皮包骨|饿得(哇哇|直|一直)?哭|(关|锁|赶|撵)(在|到)(门外|外面|阳台|厕所|柜子)|零下.{0,4}度|冻得|没饭吃|没吃没喝|断粮|没吃饭|没吃的|饿了.{0,3}(天|顿)|饿(得|着)|不给饭吃|敲门找吃的|找吃的|把(孩子|他|她|娃)(关|锁)在|(被|给)(关|锁)(在|屋|家里|房间)|反锁|不让出门|饿肚子/, w: 1.1 },
  { id: 'left_alone', re: /(一个人|自己|单独|独自)(在家|在屋|在出租屋|在房间|待在家|呆在家|在宿舍)|(孩子|娃|他|她)(现在)?(就|只)?(剩)?一个人(了|[，。,.!！]|$)|要饭|讨饭|大人不知道去哪/, w: 0.6 },
  { id: 'carer_gone', re: /回不来|去世了|被隔离|隔离了|走了.{0,6}(没人|一个人)|抢救|昏迷了|病倒|救护车|送医院|被拉走|都走了|(我|妈妈|爸爸|他妈|他爸|孩子妈|孩子爸|奶奶|爷爷|姥姥|姥爷|外婆|外公|老婆|老公|家长|大人|父母|爸妈|老两口|两个老人|家里老人).{0,6}(住院|在医院|送到医院|出了事故|被车撞|出车祸|车祸|抢救|昏迷|晕倒)/, w: 0.6 },
  { id: 'stranded', re: /(?<!(电话|手机|视频|微信|语音)[^，。,.！!？?\s]{0,3})没人(去)?接|没人来接|没有(家人|人|大人)(去|来)?接|\b(no one to pick (him|her|them) up|nobody (can )?picks? (him|her|them) up)\b/, w: 0.6 },
  { id: 'left_alone', re: /\b(is|are|been|was|were|left) (all )?alone|by (himself|herself|themselves)\b/, w: 0.8 },
  { id: 'left_alone', re: /\b(left outside|locked out)\b/, w: 1.1 },
  { id: 'left_alone', re: /\block(s|ed|ing)?\b.{0,30}\b(outside|out of the (house|flat|home)|in (a|the|his|her) (room|cupboard|closet|toilet))\b/, w: 1.1 },
  { id: 'left_alone', re: /\bon (his|her|their) own (since|for|all)\b/, w: 0.8 },
  { id: 'left_alone', re: /\b(home alone|alone (in|at) (the|their|our|his|her) (flat|house|home|apartment|room)|left alone|no food|hungry for|haven'?t eaten|hasn'?t eaten|locked (in|up)|no one (is )?(looking after|taking care)|nobody (is )?(looking after|taking care))\b/, w: 1.1 },
  { id: 'carer_gone', re: /(被警察|被公安)?(带走|抓走|抓了|被抓|拘留|被拘|关进去|进去了|扣下|扣了|派出所|看守所)/, w: 0.6 },
  { id: 'carer_gone', re: /\b(arrested|detained|taken by (the )?police|in custody|died|passed away|in prison|in jail|deported|being deported)\b/, w: 0.6 },
  { id: 'left_alone', re: /\b(with nobody|with no one|have no one|nobody is with them|no one is with them)\b/, w: 0.8 },
  { id: 'carer_hospital', re: /\b(icu|intensive care|in (the )?hospital|hospitali[sz]ed|ambulance|emergency room)\b/, w: 0.5 },
  // ---- general signal families (written against a blind set, not against single messages) ----
  // someone (a parent, relative, neighbour, teacher, classmates, a stranger) + a harm verb + the child
  { id: 'abuse', re: new RegExp(`(爸|爹|妈|继父|继母|后爸|后妈|舅|叔|伯|姑父|姨父|表哥|堂哥|爷爷|奶奶|邻居|老师|班主任|园长|保育员|教练|同学|高年级|男的|女的|那人|那个人)[^，。,.！!？?]{0,6}(拧|掐|扇|踹|踢(?!球|毽)|揪|烫|捂|绑)(了|着)?${C}`), w: 1.0 },
  { id: 'abuse', re: new RegExp(`(爸|爹|妈|继父|继母|后爸|后妈|舅|叔|伯|姑父|姨父|表哥|堂哥|哥哥|爷爷|奶奶|邻居|老师|班主任|教练|同学|高年级|男的|女的|那人|那个人|社会上的人|他们).{0,12}(把|将|拿|给|对)?${C}.{0,8}(往.{0,3}(墙|地)上?(撞|摔|砸)|掐|踹|踢(?!球|毽)|扇|烫(伤|出|得|了一下)|绑(起来|住|在)|吊起来|按在|按进|扒|勒(住|脖)|打(伤|肿|晕|出血|青|紫|哭))`), w: 1.1 },
  { id: 'abuse', re: /掐.{0,4}(脖子|喉咙)|往.{0,3}(墙|地)上?(撞|摔|砸)|吊起来打|扇了?.{0,3}(耳光|巴掌|嘴巴)|罚.{0,6}跪|跪了.{0,3}(一下午|一晚|一夜|一天|几个小时)|(胳膊|腿|手|骨头|鼻子|肋骨|牙).{0,3}打(折|断|掉)|打(断|折)了?(胳膊|腿|手|骨头|鼻子|肋骨)|扒(了)?(她|他)?的?(衣服|裤子)|不让(去|上)医院|跟着挨(打|揍)?(?!着)|也(跟着)?挨(打|揍|骂)|挨揍/, w: 1.1 },
  // an injury on the child's body
  { id: 'injury', re: /(脸|眼|头|胳膊|手|腿|背|身上|屁股|脖子|嘴|耳朵|耳根|腰|肚子|脚).{0,4}(还)?((?<!红)肿|青|紫|淤|破|裂|流血|出血|骨折|折了|断了)|头破血流|鼻子.{0,3}(流血|出血)|\b(swollen|bleeding|broken (arm|leg|wrist|nose))\b/, w: 0.7 },
  // threats to kill or hurt, with or without the word 威胁
  { id: 'threat', re: /弄死(你|他|她|我)|打死(你|他|她)|整死|废了(你|他|她)|要(你|他|她)的命|(要|就)给.{0,5}好看(?!的)|要弄(她|他)|不(带|给|交)钱就|(照片|视频|裸照).{0,8}(发出去|发到|传到|曝光)|\b(kill (you|him|her)|hurt (his|her|my) (sister|brother|mum|mom|dad|father|mother|classmates?))\b/, w: 1.0 },
  { id: 'weapon', re: /(刀|刀片|剪刀|匕首|棍子|斧头).{0,4}(藏|揣|带|拿|放).{0,4}(书包|身上|兜|包里|出门)|(藏|揣|带|拿)(着|了)?.{0,4}(水果刀|菜刀|刀子|匕首|刀片)|\b(has|took|carrying|grabbed) a knife\b/, w: 1.1 },
  // sexual abuse hints: body, clothes, photos, night visits
  { id: 'sexual_abuse', re: /下身|下体|私处|下面(疼|痛|红)|摸.{0,4}(下面|胸|屁股|大腿)|不穿衣服|光着身子|光身子|裸体|(发|拍|要).{0,8}(不穿衣服|裸|光着|私密|隐私).{0,4}(照|视频|图)/, w: 1.2 },
  { id: 'sexual_abuse', re: /(搂|抱)着(她|他|孩子|娃)?(亲|摸)|强(行)?亲(她|他)|亲(她|他)的?(嘴|脖子|胸)|让(她|他)坐(在)?(他|她)?(的)?(腿|大腿)上/, w: 1.1 },
  { id: 'grooming', re: /网上认识.{0,12}(要来|来接|见面|照片|视频)|(别|不要|不让).{0,4}告诉(妈妈|爸爸|家里|大人|任何人)/, w: 1.0 },
  // suicide and self-harm said indirectly
  { id: 'self_harm', re: /睡过去.{0,3}(不醒|醒不来)|醒不过来|不想醒|(怎么|如何).{0,6}(死|不醒|解脱)|死了会不会疼|(人)?死了.{0,4}(疼|痛|什么感觉)|去(找|陪)(去世|死去|过世|已故|走了)的|(消失|不在|死)了.{0,6}(大家|你们|家里|爸妈).{0,4}(轻松|省心|就好了|开心)|没有我.{0,4}(更好|轻松|就好)|拖累(大家|你们|家里)|活着.{0,4}(没意思|没意义|好累|太累|没盼头)|不如死|\b(won'?t be (here|around)|not be (here|around) (next|much|for)|wish (i|he|she) (was|were) dead|goodbye (everyone|world))\b/, w: 1.2 },
  { id: 'self_harm', re: /(胳膊|手臂|手腕|腿|大腿)上?.{0,10}(口子|刀口|划痕|伤痕|一道一道|一条一条)|一道一道的?(口子|印|疤)/, w: 1.2 },
  { id: 'self_harm_soft', re: /(河|水|湖|楼|桥).{0,3}(深不深|多深|有多高|高不高)|(夏天|大热天).{0,4}(也)?穿长袖/, w: 0.7 },
  { id: 'self_harm', re: /\b(bu ?xiang ?huo|xiang ?si ?le|zi ?sha|ge ?wan|tiao ?lou)\b/, w: 1.2 },
  // a child missing, lost or taken: separation, time passing, a stranger
  { id: 'missing', re: /走散|一转眼.{0,6}(没|不见|找不)|人(就)?没了|(没|还没)找(着|到)(孩子|娃|人|他|她)?(?=$|[，。,.!！？?]|呢)|找了.{0,6}(小时|半天|一晚|一夜)(也|都|还)?没|被(陌生人|不认识的|一个男的|一个女的|人|别人|坏人|网友).{0,6}(接走|带走|领走|抱走|带上车)|不认识的.{0,4}(人|男|女).{0,10}(接走|带走|领走|抱|拉)|(孩子|娃|人|他|她).{0,3}(不知道|不晓得)(去|在)哪(了|儿了|里了)|\b(lost (him|her|my (son|daughter|child|kid|boy|girl))|got separated)\b/, w: 1.1 },
  { id: 'missing', re: /\b(bu ?jian ?le|zou ?diu|shi ?zong|mei ?hui ?jia)\b/, w: 1.1 },
  // a child alone, unfed, or abandoned; an adult who can no longer care
  { id: 'abandoned', re: /家里不要(他|她)|不要(他|她|孩子|娃)了|晚上(就)?睡(在)?(这|那|外面|街上|路边)/, w: 1.1 },
  { id: 'carer_gone', re: /(我|妈妈|爸爸|他妈|他爸|孩子妈|孩子爸|奶奶|爷爷|姥姥|外婆|老公|老婆).{0,6}(做手术|开刀)/, w: 0.6 },
  // a child who got into a strange car, or went off with someone, and cannot be reached (上了一辆黑车就联系不上了)
  { id: 'missing', re: /(上了|坐上了?|钻进了?|被(拉|拽|抱)上了?|跟着?)(一辆|辆|个)?[^，。,.！!？?]{0,4}(黑车|面包车|陌生(人)?的?车|不认识的(人的)?车|别人的车|陌生人|不认识的人)(走了)?[^。！!？?]{0,8}(就)?(联系不上|找不(到|着)|不见|没(回|音讯|消息)|关机|电话不接|不接电话)|\bgot into (a|an|some) (stranger'?s |unknown |strange |unmarked )?(car|van)\b.{0,30}\b(can'?t (reach|find)|not answering|phone (is )?off|no one knows)\b/, w: 1.0 },
  // forced labour, trafficking, begging
  { id: 'trafficking', re: /身份证.{0,4}(收|扣|拿走)|(收|扣)了?.{0,4}身份证|不让(回家|走(?!读|路)|离开)|带(去|到)(外地|南方|外省|广东|城里).{0,10}(要饭|乞讨|干活|打工|上班|挣钱)|乞讨|要饭|童工|卖(孩子|娃)|(出|给).{0,4}(万|钱).{0,6}(抱走|买|领走|带走)|欠了?.{0,3}钱.{0,6}(不让|走不了|不能走)|(她|他|孩子|闺女|女儿|岁).{0,8}(KTV|酒吧|夜场|陪酒)|\b(forced to work|took (his|her) (passport|id)|sold (him|her))\b/i, w: 1.1 },
  { id: 'distress', re: /撕心裂肺|哭喊|尖叫|呼救|喊救命|\b(da (ta|wo|hai ?zi|wa)( le)?)\b/, w: 0.6 },
  { id: 'abuse', re: /\b(you )?da (ta|wo|hai ?zi|wa) le\b/, w: 1.0 },
  { id: 'rage_home', re: /(吼|骂|砸|摔).{0,8}(砰|哐|咣)|砰的一声|哐的一声/, w: 0.5 },
  { id: 'distress', re: /哭着.{0,4}(想回家|要回家|求)|想回家.{0,4}(回不了|不让)/, w: 0.5 },
  // a medical emergency
  { id: 'medical_crisis', re: /(摔|掉|滚|跌)(下来|下去|倒|了).{0,12}(动不了|不能动|站不起来|起不来|叫不醒|没反应|弯了|变形)/, w: 1.0 },
  // a child who swallowed a whole strip, bottle or box of someone's medicine
  { id: 'medical_crisis', re: /(吃|吞|喝)(了|下|掉)?.{0,3}(一整|整|一|半)(板|瓶|盒|把|排).{0,8}药|(药|药片).{0,4}(吃|吞)了?(一整|整|一|半)(板|瓶|盒|把)|\b(swallowed|ate|took) (a whole|the whole|a full) (strip|bottle|box|packet) of\b/, w: 1.1 },
  { id: 'medical_crisis', re: /误(喝|吃|服|食|吞)|口?吐白沫|嘴唇.{0,3}(紫|发紫|乌)|脸.{0,2}(发紫|发青)|高烧.{0,8}(抽|不醒|昏)|(摔|磕|撞).{0,10}(头|脑袋).{0,12}(吐|犯困|想睡|不醒|昏)|烫伤.{0,6}(一大片|起泡|脱皮)|\b(swallowed|poison\w*|not responding)\b/, w: 1.1 },
  // ---- second round: families seen missing on a later blind batch ----
  // time passing: a span of hours or days, "until now", "a whole day" (adds to any other sign)
  { id: 'duration', re: /(\d+|两|三|四|五|几|好几|半)(个)?(钟头|小时|天|晚上|晚|夜)(了|没|都|还|也)|一整(天|晚|夜)|到现在|从.{1,8}到现在|\b(for (hours|days|\d+ hours)|all (day|night) (long)?)\b/, w: 0.4 },
  // no word from the child, not arrived, whereabouts unknown
  { id: 'missing', re: /音讯|杳无|下落不明|一点(消息|动静)都没有|没(有)?(任何)?(消息|音信)|(还)?没(到家|到学校|到校)|\b(no word from|no sign of|won'?t pick up|isn'?t picking up|not picking up)\b/, w: 0.8 },
  { id: 'stranger', re: /(从来|从)?没见过(这个|那个)?(人|男的|女的)|不认识的(人|男|女)|跟.{0,12}(人|男的|女的)走了|自称|说是(他|她)的?(远房)?(亲戚|叔叔|舅舅|阿姨|老乡)/, w: 0.6 },
  // a death wish said sideways: had I not been born, sleep and never wake, what happens when one falls
  { id: 'self_harm', re: /没(生|有)(下)?(我|他|她)就好了|不该(生|出生|活)|(睡|躺)下去.{0,6}(不|别)(要|想)?(起来|醒)|再也不(要|想)(起来|醒)|(掉|跳|摔)下去会(怎么样|怎样|死|疼)|(楼|层).{0,4}(掉|跳|摔)下去|\b(sorry for everything|nobody would miss|no one would miss|won'?t miss (me|him|her)|wish (i|he|she) (had never been|was never) born)\b/, w: 1.2 },
  { id: 'self_harm', re: /(手腕|胳膊|手臂|腿)上?.{0,8}(创可贴|纱布|绷带)|\b(train tracks|railway tracks|railway line)\b/, w: 0.9 },
  // something in hand, used on the child (拿拖鞋往他脸上抽), and the marks it leaves
  { id: 'abuse', re: /(拿|用|抄起|抓起)[^，。,.\s]{1,4}(往|朝|对着)?(他|她|孩子|娃)?[^，。,.\s]{0,4}(抽|砸|揍|甩)/, w: 0.8 },
  { id: 'injury', re: /新伤|旧伤|睁不开|肿得|(脸|眼|头|嘴)[^红]{0,4}肿|\b(marks on (his|her)|too thin|very thin|is thin|skinny)\b/, w: 0.7 },
  { id: 'abuse', re: /被罚站|罚(他|她|孩子)?站(在)?(外面|门外|楼道|雪地|太阳底下)|冷得(直)?(哆嗦|发抖)|\b(not allowed to (go|leave|eat|see)|kept (at home|inside|locked))\b/, w: 0.7 },
  // secrets kept from the parents, in any wording
  { id: 'grooming', re: /(不让|不许|别|不要)(她|他)?(跟|和|对)(我们|家里|爸妈|妈妈|爸爸|家长|大人)(讲|说)|(单独|一个人)留下来/, w: 0.7 },
  // sexual assault hints: torn clothes, taken somewhere out of sight
  { id: 'sexual_abuse', re: /衣服(被)?(撕|扯)(破|烂|坏)|(撕|扯)(破|烂)了?.{0,3}衣服|拉(到|进)(小树林|树林|没人|角落|厕所|车上|房间)/, w: 1.1 },
  // someone coming to the family's door, debts claimed from a child
  { id: 'stalked', re: /(找|来)到(我们|你们)?家(里)?来|要上门|说(他|她)欠(钱|他们)/, w: 0.8 },
  // medical emergencies in everyday words
  { id: 'medical_crisis', re: /说胡话|浑身(抽|发抖|发紫)|抽风了|吞(下去|了|下).{0,6}(电池|硬币|磁|针|钉|珠)|(电池|硬币|磁铁|磁珠).{0,4}吞|烫(了|得).{0,4}(一大片|起泡|皮)|皮都(掉|烂)了|\b(swallowed a (battery|magnet|coin))\b/, w: 1.1 },
  // pinyin for the commonest danger words
  { id: 'abuse', re: /\b(bei (ren )?da( le)?|liu (le )?(hen duo )?xue|da (ta|wo|ren|hai ?zi) le)\b/, w: 1.0 },
  { id: 'missing', re: /\b(bei guai|bei ren dai zou|zhao bu dao (ta|hai ?zi))\b/, w: 1.1 },
  { id: 'sexual_abuse', re: /\b(bei (ren )?mo( le)?|mo (ta|wo|hai ?zi|nv ?er)|xing ?qin|wei ?xie|tuo (ta|wo) (de )?yi ?fu)\b/, w: 1.2 },
  // danger from a severe mental crisis, general alarm
  { id: 'weapon', re: /拿着?(菜刀|刀|剪刀|棍子)|带着?刀|要砍|砍人|按不住|要害他|要害她|有人要害|砸东西.{0,6}(打|伤)|要杀/, w: 1.1 },
  { id: 'crisis', re: /救命|求救|求求你们|快来人|出事了|危险|报警|吓坏了|不敢回/, w: 0.5 },
  { id: 'medical_crisis', re: /(叫|喊)(他|她|也|都)*不(咋|太|怎么)?(应|答应|醒)|(摔|掉|滚|跌)(下来|下去|倒|了).{0,16}(叫|喊)(他|她)?(也|都)?不(吭声|吱声|应|答应|说话|动)|昏迷|抽搐|不省人事|没有呼吸|没呼吸|喘不上气|大出血|吐血|叫不(太)?醒|(?<![胎车球瓶罐])没(了)?气了|不喘气|没喘气/, w: 1.0 },
  // sudden, severe pain (疼得满地打滚, 突然脸色煞白 喊肚子疼, 剧烈腹痛): an ordinary tummy ache is not this
  { id: 'medical_crisis', re: /(疼|痛)[^。！!？?]{0,12}(满地|在地上|床上|直|一直)打滚|(满地|在地上|直)打滚[^。！!？?]{0,12}(疼|痛)|(疼|痛)得(直|在地上|满地)?打滚|剧烈(的)?(腹痛|肚子疼|肚子痛|头痛|头疼|疼痛)|(突然|一下子)[^。！!？?]{0,10}(脸色|脸)?(煞白|惨白|刷白|发白|苍白|蜡黄)[^。！!？?]{0,12}(疼|痛)|(疼|痛)[^。！!？?]{0,10}(脸色|脸)(煞白|惨白|刷白|发白|苍白)|(疼|痛)得[^。！!？?]{0,4}(冒冷汗|出冷汗|直冒汗|满头大汗)|\b(rolling (on|around on) the floor|doubled over) (in|with) pain\b|\b(sudden|severe) (stomach|belly|tummy|abdominal) pain\b/, w: 1.0 },
  // a child fallen or hit on the head, and bleeding a lot, out cold, not moving, fitting or vomiting again and again now
  // (从上铺掉下来了 头上流好多血, 从楼梯上滚下来 叫不醒, 磕到后脑勺 吐了好几次): an everyday medical emergency; a scrape, a
  // nosebleed that stopped or a fall told as past is not (the past and resolved frames still discount it)
  { id: 'medical_crisis', re: new RegExp(`${FALL_OR_BLOW}[^。！!？?]{0,24}${BAD_AFTER_FALL}`), w: 1.1 },
  { id: 'medical_crisis', re: /\b(fell|fallen|hit (his|her) head|banged (his|her) head)\b[^.!?]{0,60}\b(bleeding (a lot|heavily|badly|everywhere)|lots of blood|so much blood|won'?t wake|not waking|unconscious|passed out|can'?t move|isn'?t moving|not moving|fitting|seizure|(vomited|throwing up|thrown up|sick) (several|three|four|a few|many) times|keeps (vomiting|throwing up))\b/, w: 1.1 },
  { id: 'medical_crisis', re: /\b(unconscious|not breathing|can'?t breathe|seizure|having a fit|bleeding heavily|won'?t wake up)\b/, w: 1.0 },
  { id: 'crisis', re: /\b(help us|please help|danger\w*|knife|scared to go (back|home)|afraid to go (back|home)|police)\b/, w: 0.5 },
]

/**
 * Signal categories for wording no phrase above foresaw: each category present counts once, and
 * several together (someone + a harmful act + a mark on the body, or an absence + a time + a
 * dangerous place) add up to urgent. Everyday compounds (打工, 打疫苗, 累死了) are removed first.
 */
const CATEGORIES: Array<{ id: string; w: number; core?: boolean; re: RegExp }> = [
  { id: 'agent', w: 0.2, re: /爸|爹|继父|继母|后妈|后爸|叔|伯|舅|姑父|姨父|表哥|堂哥|大爷|邻居|老师|班主任|教练|同学|室友|宿舍|高年级|大孩子|男的|女的|男人|陌生|网友|网上|游戏里|有人|那人|老板|中介|老乡|\b(stepdad|stepfather|stepmother|uncle|neighbou?r|teacher|coach|classmates?|a man|a woman|someone|stranger|boyfriend)\b/ },
  { id: 'harm_act', w: 0.35, core: true, re: /打|揍|踢|踹|掐|扇|抽|泼|烫|磕|撞|拎|推|拽|拖|绑|锁|堵|抢|砍|捅|刺|咬|逼|吓唬|轰|赶出|撵|扣(在|着|下)|欺负|摸|脱|腿上|拉(她|他|孩子|进|到|上)|抱走|带走|带到|\b(hit|hits|beat|kick|push|pushed|grab|grabbed|burn|burned|locked|hurt|hurts|punch|slap|threw)\b/ },
  { id: 'body', w: 0.35, core: true, re: /血|伤|泡|青着|发青|紫|肿|疼|痛|口子|疤|骨折|晕|昏|没反应|没呼吸|脸色|煞白|发白|打滚|抽搐|吐|\b(blood|bleeding|bruise|burns?|injur\w*|pain|unconscious|not breathing)\b/ },
  { id: 'absence', w: 0.3, core: true, re: /没来|没回|没信|没消息|没音讯|在哪|不见|找不到|找不着|联系不上|关机|跑(去|了|出)|出去了|离开|\b(missing|gone|can'?t find|no one knows|not (at|in) school|wandered off)\b/ },
  { id: 'death', w: 0.35, core: true, re: /死|墓|遗|痛苦|解脱|不在了|永别|下辈子|来世|添麻烦|累赘|多余|没来过|最后一|结束|我走了|别难过|\b(die|dead|death|last night|goodbye|end it|grave|funeral|no point|burden)\b/ },
  { id: 'danger_place', w: 0.3, core: true, re: /河|水里|湖|井|窗户|窗外|阳台|楼顶|天台|栏杆|桥|铁轨|车棚|桥洞|街上|宾馆|酒店|旅馆|网吧|工地|作坊|外省|刀|农药|药(全|都)|绳|煤气|\b(river|bridge|roof|window|hotel|motel|knife|tracks|pills)\b/ },
  { id: 'fear', w: 0.2, re: /怕|不敢|抗拒|挣开|挣脱|跑回来|哭|躲|求|发抖|别跟家里说|别告诉|不让说|不回头|不理人|\b(scared|afraid|crying|hiding|begged|won'?t (talk|answer|look))\b/ },
  { id: 'deprivation', w: 0.3, core: true, re: /没吃|没米|没饭|没钱吃|方便面|泡面|饿|冷|大冬天|冻|蹲着|不给走|不让走|不准走|十几个小时|不让睡|不准(她|他)?睡|\b(hungry|no food|cold|freezing|not allowed)\b/ },
]
/** Time words that make the categories present (half a category). */
const CATEGORY_NOW = /现在|今天|今晚|今早|刚才|刚刚|正在|还在|半夜|一直|到现在|天了|两天|几天|一个礼拜|一周|已经|\b(now|tonight|today|still|an hour ago|since)\b/
/** Everyday compounds that contain danger characters. */
const EVERYDAY = /三天打鱼两天晒网|打(了|完|过)?(针|疫苗)|打(工|针|疫苗|游戏|电话|扫|算|听|车|印|卡|折|球|篮球|羽毛球|乒乓|麻将|牌|包|开|招呼|呼噜|喷嚏|嗝|字)|(累|吓|笑|烦|热|难|气|忙|困|无聊|好吃|好玩|冷|想|馋|美|乐|饿|渴)死(了|啦|我|人)?|要死|死活|伤心|疼爱|心疼|头疼(的事)?|哭闹|爱哭|抽(空|奖|烟|血|时间|签)|推荐|推迟|拉(肚子|稀)|没人(带|接送|辅导)|刀(削面|切)|河(南|北)|湖(南|北)|(外省|外地)(户口|人|的)|网上(报名|办理|申请|查|预约|买)|在哪(里)?(办|报名|申请|打|看|上|读|领|交|买|考)|最后一(天|次|年|个|名)|结束(后|了吗|时间)/g
const A_KID = /孩子|娃|儿子|女儿|闺女|小孩|宝宝|小子|丫头|男孩|女孩|外甥|侄|孙|老大|老二|老三|学生|\b(child|kid|son|daughter|boy|girl|nephew|niece|he|she)\b/

function categorySign(text: string): { w: number; words: string } | undefined {
  if (!A_KID.test(text)) return undefined
  const plain = text.replace(EVERYDAY, '　')
  const found = CATEGORIES.filter((c) => c.re.test(plain))
  // two kinds of harm at least (an act and a mark, an absence and a dangerous place …); who did it
  // and fear only add to them
  if (found.filter((c) => c.core).length < 2) return undefined
  const now = CATEGORY_NOW.test(plain)
  const w = found.reduce((sum, c) => sum + c.w, 0) + (now ? 0.15 : 0)
  return { w: Math.round(w * 100) / 100, words: found.map((c) => c.id).join('+') + (now ? '+now' : '') }
}

/** A child not arrived where expected (还没见人, 放学没到家, 压根没到校, 没回来): said calmly, it is a missing child when the
 * message also says when they were due, that someone looked, or that the school says they left (放学, 平时四点半就到家,
 * 找了一下午, 学校说早就走了, 到现在). An adult not back is not this (他爸还没回来). */
const NOT_ARRIVED = /(还|也|都|一直)?没(有)?(见(着|到)?(人|人影|他|她|孩子|娃|回来)|到家|回家|回来|到校|到学校|去学校|进家门|人影|影)|没影|不见(人|人影|回来)|人影都没|(压根|根本)(就)?没(到|去|来)(校|学校|上学)/
const DUE_OR_SOUGHT = /(找|寻)(了|遍|过)|出(的)?门|这会儿?|(老师|班主任|学校)[^，。,.！!？?\s]{0,2}(打电话|来电话|打来|问)|到处(找|寻|问)|放学|平时|往常|平常|按说|早该|该到|天黑|天都黑|到现在|(学校|老师|班主任)[^，。,.！!？?\s]{0,3}(说|讲)|早(就)?(走|放)|(\d+|[一二三四五六七八九十两]+)点(多|半)?(了|还|都)|(一|整|大半)(个)?(下午|上午|晚上|宿|夜|天)/
/** Where the child is, known (请假了, 在家发烧, 在奶奶家): not missing. */
const KNOWN_WHERE = /请(了)?假|(上|读|念)大学|住校|晚自习|(\d+|[一二三四五六七八九十]+)点(才)?下课|(好几|几|两|三)个月|在家(里)?[^，。,.！!？?\s]{0,3}(发烧|生病|病了|休息|躺着|睡觉|养病)|在(他|她)?(奶奶|姥姥|外婆|爷爷|姥爷|外公|同学|亲戚|姑姑|舅舅|姨)家|(跟|和)(我|他爸|他妈|她爸|她妈|奶奶|爷爷)在一起|\b(he'?s|she'?s|is) (at home|with (me|us|his|her))\b|called in sick/
function notArrivedSign(text: string): { w: number; words: string; at: number } | undefined {
  if (!A_KID.test(text) || KNOWN_WHERE.test(text)) return undefined
  const m = NOT_ARRIVED.exec(text)
  if (!m || ADULT_BEFORE_NOT_HOME.test(text.slice(Math.max(0, m.index - 8), m.index))) return undefined
  const due = DUE_OR_SOUGHT.exec(text.replace(m[0], '　'))
  return due ? { w: 1.1, words: `${m[0]} + ${due[0]}`, at: m.index } : undefined
}
/** An adult right before "没回来" (他爸还没回来, 大人都没回家): the adult is away, not a child missing. */
const ADULT_BEFORE_NOT_HOME = /(爸|妈|爹|娘|父亲|母亲|父母|老公|老婆|丈夫|媳妇|大人|家长|男人|奶奶|爷爷|姥姥|姥爷|外婆|外公)(俩|两个|都|也|还|一直)*[^，。,.！!？?\s孩娃儿女]{0,3}$/

/** A parent's exasperation said as a wish to hit (打死他的心都有, 恨不得揍死他, 真想掐死她): not a threat to the child when the
 * parent asks how to manage; the rest of the message is judged without it. */
export const EXASPERATION = /(打|掐|揍|弄|捶|抽|拍|踹)死(他|她|这孩子|这小子|这丫头|这熊孩子|这死孩子)?的心(都|也)?有|(恨不得|真想|都想|直想|是真想|气得(我)?(真)?想|我想)(一巴掌|一脚|一棍子)?(把(他|她))?(打|掐|揍|弄|捶|拍|抽|踹)死(他|她)?|\bcould (kill|strangle|throttle|murder) (him|her)\b/
const MANAGE_ASK = /(咋|怎么|如何|怎样)[^，。,.！!？?\s]{0,4}管|咋管|怎么管|咋教|怎么教|管教|该咋|咋整|咋办|怎么办|好好管|管不了|管不住|没招|没辙|有没有.{0,6}(课|讲座|老师|办法)|教家长|\bhow (do|can|should) (i|we)\b|\bhow do (other )?parents\b|\b(handle|deal with) (this|it|him|her)\b|\badvice\b/

/** A child brought from the hometown missing the grandparents or home (天天晚上哭 说想奶奶 要回去): homesickness, the child's
 * feelings; no danger unless a sign says so. */
export const HOMESICK = /想(奶奶|爷爷|姥姥|姥爷|外婆|外公|老家|家|回去|回老家|以前的|他奶|她奶|他爷|她爷|他姥|她姥|妈妈|爸爸)|(要|闹着|吵着|哭着)(要)?回(去|老家)|找(奶奶|爷爷|姥姥|姥爷|外婆|外公)|\b(homesick|miss(es|ing)? (her|his|their) (grandma|grandmother|granny|grandpa|grandfather|grandparents|nan|hometown|village|old friends)|misses (grandma|granny|grandpa|home)|wants to go back|miss(es|ing)? (his|her|their) grand\w+|(cr(y|ies|ying)|ask(s|ing)?) for (his|her|their) (grand\w+|granny|nan|nana))\b/
export const SAD_DAILY = /哭|抹眼泪|闷闷|不开心|不说话|不吃饭|饭也不|睡不着|不高兴|\b(cr(y|ies|ying)|tears|sad|won'?t eat|can'?t sleep|unhappy)\b/

/** A goodbye sent by a child, by its general signal: the child thanking everyone (谢谢大家这些年), telling people not to wait
 * for or worry about them (以后不用惦记她了, 别等我), giving their things away (把东西都送同学了), a farewell post (发朋友圈, 发了条说说),
 * 再见 / 照顾好自己 / 我走了. Each alone is everyday talk ("明天不用等我了，我加班", "谢谢"); any two together are a farewell, or
 * one with the child unreachable (关机, 联系不上), unless the goodbye has its reason (a graduation, a move, a shift). */
const FAREWELL_PARTS: RegExp[] = [
  /谢谢(你们|大家|各位|所有人)|谢谢.{0,6}(这些年|这几年|一直以来|照顾)|(这些年|这几年|一直以来)[^，。,.！!？?]{0,4}谢谢|感谢(大家|你们|所有人)|\bthank(s| you) (all |everyone |everybody )?for everything\b|\bthank(ed|s|ing)? (everyone|everybody|us all)\b/,
  /(以后|再也|永远)?(都)?(不用|别|不要|甭|用不着)(再)?(等(我|他|她)(?!接|送|吃|一起|下班|放学|回来吃)|(为|替)(我|他|她)(操心|担心)|管我|(惦记|挂念|牵挂|记挂|想|记着)(我|他|她)|担心(我|他|她)(了|啦)|找(我|他|她)(了|啦))|\b(don'?t wait for (me|her|him)|(not|don'?t|no need) to (worry about|wait for|look for) (me|her|him)|stop worrying about (me|her|him))\b/,
  /再见(了|啦)?|永别|下辈子(再)?见|\b(goodbye|farewell|bye forever)\b/,
  /照顾好(自己|你们自己|爸妈|妈妈|爸爸)|\btake care of (yourselves|yourself|mum|mom|dad)\b/,
  /我走了|我要走了|我先走了|\bi'?m (leaving|going away) (for good|forever)\b/,
  /(把|将)?(她|他)?(最喜欢的|心爱的|攒的)?[^，。,.！!？?]{0,10}(都|全)?送(给|人|同学|朋友|同桌|别人|大家|弟弟|妹妹)(了)?|(东西|玩具|零花钱|衣服|书|宝贝)[^，。,.！!？?]{0,4}(都|全)?(分给|送给|分了|送了)|\b(gave|giving|given) (away )?(all )?(her|his) (things|stuff|toys|books|clothes)( away)?\b|\bgave away\b/,
  /别(想|记着|惦记|难过)我|忘了我|\b(forget (about )?me|don'?t be sad)\b/,
  /(发|更新|写)(了)?(一)?(条|个|段)?(朋友圈|说说|动态|空间|微博)|朋友圈(里)?(说|写|发)|\b(posted|a post|on (her|his) (wechat|moments|status))\b/,
]
/** Thanks and "再见" are what anyone says (a parent to the bot too): they count only beside one of the other parts. */
const FAREWELL_WEAK = new Set([0, 2])
/** The part for things given away (an act, not words). */
const FAREWELL_GIVING = 5
/** The child cannot be reached (关机, 联系不上, 电话不接): one farewell part with it is a farewell. */
const FAREWELL_UNREACHABLE = /电话(也)?不接|不接电话|联系不上|关机|打不通|不回(消息|微信|信息)|\b(not answering|won'?t answer|won'?t pick up|not picking up|phone (is )?off|can'?t reach (her|him))\b/
/** The goodbye was said or sent by someone (说, 发消息, 朋友圈, texted), not the parent's own thanks to us. */
const FAREWELL_SAID = /说|发|写|留言|留了|讲|告诉|朋友圈|群里|消息|纸条|\b(texted|wrote|posted|told|said|messag\w*|sent)\b/
/** A reason for the goodbye: leaving school, moving, a shift, a trip. */
const FAREWELL_REASON = /毕业|生日|过年|新年|春节|比赛|获奖|领奖|转学|搬家|搬走|出国|回老家上学|上大学|上学|去学校|回学校|开学|住校|加班|上班|出差|夜班|倒班|旅游|实习|参军|当兵|\b(graduat\w*|moving (away|house)|new job|overtime|shift|trip|university|college)\b/

/** The parent telling where they are (I'm on the night shift, 我在外地跑车): not the reason for a child's goodbye. */
const PARENT_AT_WORK = /\b(i'?m|i am|i was|we'?re|we are) (on|at|doing|working)( a| the| my)? ?(night |day |late |double )?(shift|work)\b|(我|俺)(们)?(在|正在|上)[^，。,.！!？?\s]{0,8}(上班|加班|夜班|倒班|跑车|干活)/g

/** A child, a span of days and an adult not seen or not back (小孩 … 好几天了 … 大人一直没见回来): a child left alone for days,
 * whatever the words for each. */
const DAYS_KID = /孩子|小孩|娃|儿子|闺女|女儿|小子|丫头|孙子|孙女|男孩|女孩|小姑娘/
const DAYS_SPAN = /(好几|几|两|三|四|五|六|七|十来|多)(天|日|个?礼拜|个?星期|宿)|一个?多?(礼拜|星期)|半个月/
const DAYS_ADULT_GONE = /(大人|爸妈|父母|家长|他爸|他妈|她爸|她妈|两口子)[^，。,.！!？?\s]{0,4}(一直|都|也|好像|始终)?(没(见|看见|瞧见)?(回来|回家|露面|人影)|不见(人|回来)|不在家)|没(见|看见|看到|瞧见)(过)?(他家|她家)?(的)?(大人|家长)/

function daysAloneSign(text: string): { w: number; words: string; at: number } | undefined {
  const gone = DAYS_ADULT_GONE.exec(text)
  const span = DAYS_SPAN.exec(text)
  if (!gone || !span || !DAYS_KID.test(text) || CARED_FOR.test(text)) return undefined
  return { w: 1.1, words: `${span[0]} + ${gone[0]}`, at: gone.index }
}

function farewellSign(text: string): { w: number; words: string } | undefined {
  if (!A_KID.test(text) || FAREWELL_REASON.test(text.replace(PARENT_AT_WORK, '　'))) return undefined
  const found = FAREWELL_PARTS.map((re, i) => [i, re.exec(text)?.[0]] as const).filter((x): x is readonly [number, string] => !!x[1])
  // things given away are done, not said; every other part must have been said or sent by someone
  if (!FAREWELL_SAID.test(text) && !found.some(([i]) => i === FAREWELL_GIVING)) return undefined
  const unreachable = FAREWELL_UNREACHABLE.test(text)
  if (found.length === 0 || (!unreachable && (found.length < 2 || found.every(([i]) => FAREWELL_WEAK.has(i))))) return undefined
  return { w: 1.2, words: found.map(([, w]) => w).join(' + ') }
}

/** Grooming by its general signal: an adult met online (网上有个叔叔加她, 游戏里认识的), gifts (老给她买皮肤, 发红包), secrecy (让她别跟
 * 爸妈说), a meeting asked for (约她这周六出来见面). Each alone is everyday (a cousin's gift, a class outing), and an online friend
 * with one of them is a worry the sets ask about (老给他发红包 会不会是骗子): two of gifts, secrecy and a meeting are grooming. */
const GROOMING_PARTS: RegExp[] = [
  /网上(有个|有一个|认识|加|的)|网友|游戏里(认识|有个|有一个|加|的)|(QQ|微信|抖音|快手|直播)(上|里)(认识|有个|加)|\b(online|in (a|the) game|on (tiktok|wechat|qq|discord))\b/,
  /买(了)?(皮肤|装备|点券|礼物|零食|手机|衣服|游戏)|送(了)?(她|他)?(皮肤|礼物|装备|手机)|充(值|钱|点券)|发(了)?(个)?红包|给(她|他)(钱|转账|发红包|充)|\b(buy(s|ing)?|bought|send(s|ing)?|sent|gives?|gave) (her|him) (skins|gifts|presents|game items|items|money|things)\b/,
  /(不让|不许|别|不要|甭)(她|他)?(跟|和|对|告诉)(我们|家里|爸妈|妈妈|爸爸|家长|大人|任何人)|保密|秘密|\b(don'?t tell|not to tell|never tell|keep (it )?(a )?secret)\b/,
  /约(她|他|孩子|娃)?[^，。,.！!？?]{0,8}(见面|出来|出去|单独)|(要|想)(来)?(见|接)(她|他)|线下见|出来见面|\b(meet (her|him|up)|wants to meet|asked (her|him) to meet)\b/,
]
function groomingSign(text: string): { w: number; words: string } | undefined {
  if (!A_KID.test(text)) return undefined
  const found = GROOMING_PARTS.map((re) => re.exec(text)?.[0]).filter((x): x is string => !!x)
  // the sets' convention: an online friend who only sends red packets, or only asks the child out, is a worry to ask about
  if (GROOMING_PARTS.slice(1).filter((re) => re.test(text)).length < 2) return undefined
  // someone met online, or a secret kept: a relative's gift and an outing are not grooming
  if (!GROOMING_PARTS[0]!.test(text) && !GROOMING_PARTS[2]!.test(text)) return undefined
  return { w: 1.2, words: found.join(' + ') }
}

/** A family's sudden hardships (a one-off crisis): a parent hurt or in hospital, the boss gone or wages unpaid, the job
 * lost, the rent or the food or the milk powder not paid for this month. Two kinds together are a crisis asking for
 * emergency help (temporary_assistance), whatever the rent or the baby's milk also names. */
export const CRISIS_PARTS: RegExp[] = [
  /(出事|出了事|工伤|\bicu\b|重症监护|监护室|摔(伤|下来|断)|受伤|烫伤|砸伤|(轧|夹|砸|绞|切)(伤|断|了)(手|腿|脚|胳膊)?|车祸|撞了|住院|躺在医院|动手术|做手术|\b(injured|accident|in hospital)\b)/,
  /老板[^，。,.！!？?\s]{0,4}(跑|跑路|跑了|不见|联系不上)|包工头[^，。,.！!？?\s]{0,4}(跑|不见|联系不上)|工钱|工资[^，。,.！!？?\s]{0,6}(没|不|拖|欠|停)|欠薪|拖欠|(辞|开除|裁)(了|掉)|被辞|失业|没活干|不给赔|\b(boss (ran|disappeared|vanished)|unpaid wages|wages unpaid|lost (his|her|my) job|laid off|fired)\b/,
  /房租[^，。,.！!？?\s]{0,6}(交不上|交不起|欠着|还欠|拿不出|没着落|付不起|付不了|没钱)|(交不上|交不起|付不起)[^，。,.！!？?\s]{0,3}房租|\b(can'?t pay (the|this month'?s) rent|behind on (the )?rent)\b/,
  /奶粉[^，。,.！!？?\s]{0,6}(没|快没|断|买不起|钱)|米[^，。,.！!？?\s]{0,4}(没了|快没|吃完|见底)|吃饭[^，。,.！!？?\s]{0,3}(都)?(成问题|没钱)|就剩[^，。,.！!？?\s]{0,4}(块|十块|几十块|百)钱?|饭钱[^，。,.！!？?\s]{0,4}(都)?(没|没有|拿不出)|揭不开锅|\b(no (milk|formula|food) left|out of (food|formula))\b/,
]
/** A property stolen (电动车被偷了, my e-bike got stolen): a loss, not a hardship ask (none), unless the family says it is
 * left with nothing (路费, 吃饭, 一分钱). */
export const THEFT = /(电动车|电瓶车|自行车|摩托车?|三轮车?|单车|车子|手机|钱包|\b(e-?bike|bike|bicycle|scooter|moped|phone|wallet)\b)[^，。,.！!？?]{0,10}(被偷|让人偷|被人偷|叫人偷|给人偷|被盗|偷走|偷了|丢了|\b(stolen|nicked)\b)/
/** Which script each sign is written in. */
const SCRIPT = new Map<Sign, 'zh' | 'en' | 'both'>(
  SIGNS.map((s) => {
    const zh = /[\u3400-\u9fff]/.test(s.re.source)
    const en = /\\b|[a-z]{3}/.test(s.re.source.replace(/\\[a-z]/g, ''))
    return [s, zh && en ? 'both' : zh ? 'zh' : 'en'] as const
  }),
)

/** Words that put the danger in news, a course, a policy question, the future or a resolved past. */
const DISTANCE: Array<{ id: string; re: RegExp }> = [
  { id: 'course', re: /手工课|美术课|做手工|(学校|老师)(要求|让)(带|准备)/ },
  { id: 'news', re: /(同学|邻居|别人家|别的孩子|有个(学生|孩子|人)|朋友|亲戚家|学校里有人).{0,4}(跳楼|自杀|轻生|想不开|出事)|新闻|传言|谣言|是真的吗|报道|电视上|网上看到|视频里|听说有个|看到一个案例|案例|小说|电影里|电视剧|纪录片|(看|放)了?.{0,3}(电影|动画|动画片|电视剧|短剧)|\b(news|article|on tv|a story|read about|i read|heard that|saw online|documentary|a film|a movie|tv show|a book)\b/ },
  { id: 'course', re: /讲座|课程|课$|安全课|安全教育|培训(?!班的?(老师|教练)|机构的?(老师|教练))|防(欺凌|溺水|性侵|拐|诈骗)|怎么(教|跟他解释|跟她解释|解释)|什么叫|什么是|学校讲的|怎么回答|保护自己|学学|宣传|知识|\b(class|classes|course|lesson|workshop|teach (him|her|them|my)|learn(ing)? (to|about)|staying safe|prevention)\b/ },
  { id: 'policy', re: /法律上|怎么保护|我想知道|该不该|要不要(打|管)|能不能打|政策|规定|条件|有哪些|有没有.{0,6}(机构|服务|补贴|政策)|怎么认定|能不能纳入|算不算|属于|\b(policy|eligib\w*|rules?)\b/ },
  { id: 'future', re: /下周|下个月|马上要|快要|到时候|以后(?!都?(用不[着上]|不会回|不回|不用等|别等|不要等|甭等))|将来|万一|如果|要是|假如|我(要|得|准备|打算)去|\b(next (week|month|year)|if i|in case|what if|when i go|i have to|i need to|i will be|i'?ll be|going to be)\b/ },
  { id: 'past', re: /(打|骂|勒索|欺负|骗|霸凌|敲诈)过(?!来|去)|以前|去年|前年|上次|上回|上一回|小时候|那时候|后来|早就(?!不管|没人|不回|联系不上|不见|走|放|离开)|前阵子|经历过|曾经|\b(last (week|month|year)|used to|years ago)\b/ },
  { id: 'resolved', re: /已经(好了|解决|处理|找回|回来|没事)|找回来了|(?<!没|没有|还没)找到了|处理好了|解决了|现在没事|现在好了|好多了|想改|改正|改掉|不再|改了|戒了|过去了|自己(出来|开门|回屋)了|(?<!(他|她|孩子|娃|儿子|女儿|闺女)(自己)?(说|讲|解释)(是|说是|自己是)?(在)?)开玩笑的(?!吧|吗|\?|？)|挺开心|(?<!没|不|不会|没有|再也不)(自己)?回来了|挺好的|安全了|离婚了|分开了|\b(was found|we found (him|her)|now (fine|ok|safe)|resolved|back home now|is safe now)\b/ },
]

/** A pet or a thing that went missing (走丢, 不见了, 小本本找不着了) is not a child in danger. */
const NOT_A_CHILD = /(狗|猫|宠物|手机|钱包|自行车|电动车|车子|东西|行李|快递|本本|本子|小本|接种本|接种证|疫苗本|证件|证书|户口本|身份证|出生证|医保卡|社保卡|银行卡|卡片|钥匙|书包|作业本?|课本|文件|材料|单子|发票|\b(dog|cat|pet|phone|wallet|bike|parcel|card|booklet|certificate|keys?|papers|documents?|record book)\b)/g
const A_CHILD = /孩子|娃|儿子|女儿|闺女|小孩|宝宝|学生|\b(child|kid|son|daughter|boy|girl)\b/g
/** A thing just before a "missing" word (小本本找不着了, 接种本也找不到了), or a thing before it in a message that names
 * no child at all (手机被偷了，找不着). */
function lostThing(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 12), at)
  const things = [...before.matchAll(NOT_A_CHILD)]
  if (!things.length) return false
  if (!new RegExp(A_CHILD.source).test(text)) return true
  const last = things[things.length - 1]!
  return /^[也都又就还给被弄丢了是的]{0,3}$/.test(before.slice(last.index! + last[0].length))
}
/** A thing named right after "can't find her" (her vaccine booklet, his birth certificate). */
const THING_AFTER_EN = /^(\s+[a-z]+){0,2}?\s+(booklet|medical card|insurance card|book|card|certificate|papers?|documents?|records?|keys?|phone|bag|passport|hukou|file|form|id)\b/
/** A parent or another adult right before "找不着" (他爸妈都找不着人): the adult is the one gone. */
const ADULT_BEFORE = /(爸|妈|爹|娘|父亲|母亲|父母|老公|老婆|丈夫|媳妇|大人|家长|男人)(俩|两个)?[^，。,.！!？?\s孩娃儿女他她说]{0,5}$/
const ADULT_BEFORE_EN = /\b(mother|father|mum|mom|dad|parents?|husband|wife|stepfather|stepmother)( has| had| just| also| then)?\s*$/
const CHILD_AFTER = /^(孩子|娃|儿子|女儿|闺女|小孩|宝宝|他|她)/

/** A fall or a game: injuries named with it are accidents. */
const ACCIDENT = /摔了|摔倒|磕破|碰伤|跌倒|磕到|开水|热水|不小心|(摔|掉|滚|跌)(下来|下去)|从.{0,8}(摔|掉|滚|跌)|\b(fell (off|over|down)|playing (football|basketball|soccer)|at sports|accident(ally)?)\b/

/** A jab (打完针, 接种, vaccine): swelling, crying and a sore leg after it are a reaction, not an injury. */
const JAB = /打(完|了|过)?(针|疫苗|预防针|防疫针)|(针|疫苗|预防针)打(完|了)|接种|疫苗|百白破|白百破|卡介苗|麻腮风|脊灰|五联|四联|乙肝针|甲肝针|预防针|防疫针|\b(vaccin\w*|jabs?|booster|dtap|dtp|mmr|bcg)\b/
/** Signs a reaction to a jab explains (a lump, a swelling, crying all night). */
const JAB_EXPLAINS = new Set(['injury', 'distress', 'harm_near_child'])

/** A parent asking to place the child somewhere while a carer is away or ill ("能不能暂时放到救助站"):
 * a request for care (guardianship_care), not a child in danger, when the only signs are the carer's absence. */
const PLACEMENT_ASK = /(有没有|哪有|哪里有|哪儿有)[^，。,.！!？?\s]{0,6}(地方|机构)[^，。,.！!？?\s]{0,2}(能|可以)?(先|暂时|临时)(帮(忙|着)?)?(管|照顾|照看|看|带)|(救助站|福利院|救助机构|保护机构|机构)[^，。,.！!？?\s]{0,2}(能不能|能否|可不可以|可以|能)(先|暂时|临时)?(帮(忙|着)?)?(把(孩子|娃|他|她|俩娃|两个孩子))?(带|管|照顾|照看|照料|收|接)|(能不能|能否|可不可以|可以|能)(让|请)(救助站|福利院|救助机构|保护机构|机构)|(能不能|能否|可不可以|可以|能|想|打算)(先|暂时|临时)?(把(孩子|娃|他|她))?(暂时|临时)?(放|送|托|寄|交)(到|在|给|去)?[^，。,.！!？?\s]{0,6}(救助站|福利院|救助机构|保护机构|机构|托管|那里|那儿|你们那)|\b(place (him|her|them|my \w+) (in|at)|put (him|her|them) in) (a |the )?(shelter|care|children'?s home|welfare home)\b/
const PLACEMENT_SIGNS = new Set(['carer_gone', 'carer_hospital', 'neglect', 'stranded', 'unreachable'])

/** An allowance or support asked for a child whose carers died or are gone ("特困供养孩子能办吗 他爷爷奶奶都走了 就剩他
 * 一个"): a question about a benefit, not a child in danger, when the only signs are that the carers are gone and nothing
 * says the child is alone, hungry or hurt now. */
const BENEFIT_ASK = /特困|供养|五保|低保|孤儿|事实无人抚养|无人抚养|困境儿童|补助|补贴|救助金|生活费|兜底|\b(allowance|benefits?|subsid\w*|orphan)\b/
const BENEFIT_SIGNS = new Set(['carer_gone', 'left_alone', 'abandoned', 'no_adult'])
const DEPRIVED_NOW = /没饭|没吃|饿|一个人在家|自己在家|在家.{0,4}(天|晚)|天了|晚了|夜了|哭|冻|病了|发烧|没人管|没人照顾|\b(hungry|alone (at|in)|home alone|no food|crying)\b/

/** A parent telling that they hit the child once in anger and asking how to keep their temper ("我气急了打了孩子一巴掌
 * 现在后悔死了 咋才能控制住不发火"): a parenting question (family_education), not a child in danger, unless the child is
 * hurt, it keeps happening, or someone else does it. */
const SELF_HIT = /(我|俺)[^，。,.！!？?孩娃他她]{0,6}(打了|扇了|揍了|抽了|拍了|打过)(孩子|娃|他|她|儿子|女儿|闺女)?(一|两)(巴掌|耳光|下|回|次)|\bi (slapped|smacked|hit|spanked) (him|her|my (son|daughter|kid|child))\b/
const TEMPER_ASK = /控制(住|不住)?(自己|脾气|情绪|不发火|不打)|(不|别|少)(发火|发脾气|打孩子|动手)|管(住|不住)(自己|脾气|手)|(改|压|克制)(住)?(脾气|火气)|后悔|\b(temper|anger|regret|control myself)\b/
const TEMPER_DANGER = /血|肿|青|紫|伤|医院|晕|骨折|天天|经常|老是|总是|每次|又|不敢回家|怕我|吓|\b(blood|bruise\w*|hurt|injur\w*|hospital|every day|always|often|again)\b/
/** A service asked for at the end of a family's story (… 想问问能不能申请公租房 要啥条件): the hardship told is the reason
 * for the application, when the only sign is the category layer's (a cold home, a building site) and nobody harms the child. */
const SERVICE_ASK = /(能不能|可不可以|能否|咋|怎么|如何|想)(申请|办理|办|申领|领)|要(啥|什么|哪些)(条件|材料|手续)|\b(apply for|eligible for)\b/

/** Death talk as a joke about boredom or heat ("无聊死了想死了哈哈哈"): an everyday "X死了" right before it, and laughter. */
const HYPERBOLE_BEFORE = /(无聊|累|热|烦|困|饿|闷|忙|馋|笑|冷|气|难受)死(了|啦|我了|人了)?[，,!！~\s]*(天天)?(都|真)?$/
/** Boredom said as death talk ("闷得想死", "无聊得想死", "烦得要死"). */
const BOREDOM_BEFORE = /(无聊|闷|烦|憋|没劲|闲|没意思|累)(透了)?[，,\s]*(得|的)(要)?(说|直说|喊|直喊)?$/
/** The message asks for something to do (activities, a class, somewhere to play): a bored child, not despair. */
const ACTIVITY_ASK = /活动|兴趣班|兴趣小组|好玩|玩的|去哪玩|去玩|出去玩|夏令营|冬令营|少年宫|图书馆|托管班|\b(activit\w*|things to do|somewhere to (go|play)|camps?|clubs?)\b/
/** Schoolwork as the agent of a death word (被数学整死, 让作业逼死, 考试要把人折腾死): hyperbole. */
const SCHOOLWORK_AGENT = /(被|让|叫|给)(这|那)?(些|个)?(作业|数学|语文|英语|物理|化学|题|卷子|试卷|考试|学习|功课|网课|补课|月考|期末|期中|中考|高考|课)[^，。,.！!？?\s]{0,3}(给)?(要|快)?$/
const LAUGHTER = /哈哈|呵呵|嘿嘿|嘻嘻|hhh|\blol\b|\blmao\b|😂|🤣|😆|笑死/
/** Spoken death words that such a joke repeats (never cutting, pills, a ledge …). */
const JOKE_DEATH = /^(想死|去死|死了算了|不想活)/

/** Extortion told as a pattern ("好几回了", "老是") asking what the school or police will do, with no violence,
 * threat or sign of now: a safety question (the sets label it not urgent), unless it is happening now. */
const REPEATED = /好几(回|次)|几(回|次)了|多次|好多次|经常|老是|总是|隔三差五|三天两头/
const EXTORTION_ONLY = new Set(['extortion', 'extortion_mild', 'crisis', 'cornered'])
const VIOLENCE_THREAT = /不(给|交)(钱)?就|打|揍|踢|威胁|吓坏|不敢|不让.{0,2}走|不放|\b(hit|beat|threat)/

/** A child glued to the phone or games, talking back (顶嘴, 甩脸子, 摔门), and the parent asking what to do. */
const DEFIANT = /手机|游戏|刷视频|短视频|顶嘴|顶十句|一句顶|甩脸|摆脸色|摔门|叛逆|不听话|\b(phone|games?|talks back|answers back|won'?t listen)\b/
const PARENTING_ASK = /咋整|怎么办|咋办|没招|没辙|管不了|管不住|管又管不了|怎么管|咋管|怎么教|咋教|\b(what (do|should) (i|we) do|how (do|can|should) (i|we) (handle|deal))\b/

/** Signs a family's crisis explains (a parent in hospital, a boss who cannot be reached, days without wages). */
const CRISIS_SIGNS = new Set(['carer_gone', 'carer_hospital', 'unreachable', 'duration', 'neglect'])
/** The child alone, unfed or hurt: never a family's hardship only. */
const CHILD_ALONE = /一个人在家|自己在家|独自|没人管|没人照顾|没人看|没人带|锁在|关在|饿|哭|伤|血|\b(alone|nobody|no one|hungry|hurt)\b/

/** Alone as a habit, in English ("home alone a lot", "often alone after school"). */
/** A habit (天天, 老是, 常年): neglect told as a way of life, not an event. */
const HABIT = /天天|老是|总是|经常|常年|成天|整天|隔三差五|三天两头|\b(always|every day|all the time|often)\b/
/** Asking who can step in (能找谁管管, 谁能管, 咋办). */
const WHO_STEPS_IN = /找谁|有人管|谁(来|能|可以)?管|有没有人管|没人管吗|归谁管|(咋|怎么)办|\bwho (can|should|could)\b/
/** Signs that a habit of neglect explains. */
const HABIT_SIGNS = new Set(['no_adult', 'neglect', 'neglect_food'])
/** Signs a habit explains when their words are hunger (孩子经常饿着肚子上学), not a beating. */
const HABIT_HUNGER = new Set(['harm_near_child', 'left_alone'])
/** A carer's neglect told as a habit (天天喝, 成天打麻将不着家, 老是没人做饭), asking who can step in, nothing said of now. */
function habitAsked(text: string): boolean {
  return HABIT.test(text) && WHO_STEPS_IN.test(text) && !STRONG_NOW.test(text) && !/现在|正在|今天|今晚|刚才|好几天|几天了|两天了|\b(now|tonight|today)\b/.test(text)
}
const HABITUAL_EN = /\b(a lot|often|sometimes|usually|after school|most days|every afternoon)\b/

/** A game or a joke: "要杀了你" shouted in a game is not a threat. */
const GAME = /游戏|玩(的时候|时)|开玩笑|\b(game|gaming)\b/
/** A short, ordinary stay in a room (关在房间写作业半小时) is not a child locked in. */
const ORDINARY_STAY = /^.{0,8}(写作业|学习|看书|睡午觉|反省|半小时|一会|几分钟|十分钟)/
/** Someone now looks after the child (侄子现在跟着我过): a carer's absence is a need, not a danger. */
const CARED_FOR = /(跟|跟着|和)(我|我们)(这个|这俩)?(奶奶|爷爷|姥姥|姥爷|外婆|外公|老两口|两个老人)?(一起)?(过|住|生活)|跟着(我们|奶奶|爷爷|姥姥|姥爷|外婆|外公|亲戚|姑姑|舅舅|姨|叔叔|伯伯)|养父母|收养|领养|(由|在)(我|我们|奶奶|爷爷|姥姥|外婆|亲戚)(家)?(带|照顾|养)|我(在)?(带|照顾|养)着|(我|俺)是(孩子|娃)?(他|她)?的?(亲)?(舅舅?|姑姑?|姨|小姨|大姨|叔叔?|伯伯?|大伯|奶奶|爷爷|姥姥|姥爷|外婆|外公)|\b((lives?|living|stays?|staying|has lived|have lived) with (me|us|her grandparents|his grandparents)|i (look|have looked) after (my|our|him|her|them)|(i'?m|we'?re|i am|we are) (looking after|raising|taking care of) (my|our|him|her|them))\b/
const CARER_IDS = new Set(['carer_gone', 'unreachable', 'no_adult', 'carer_hospital', 'abandoned', 'missing'])
/** Found, home, safe again, said after the danger: the scare is over whatever "today" the message also says. */
const FIRMLY_RESOLVED = /(已经|终于|总算|后来|结果)?(找到了|找着了|接回来了|接回家了|回来了|没事了|平安)|现在(已经)?好了|\b(found (him|her|them)|is safe now|came home|got home safe)\b/g
/** Self-harm ideation, a farewell, grooming: a plan or an "if" (以后, 下个月来见他) is itself the sign, never a reason to discount. */
const IDEATION = new Set(['self_harm', 'farewell', 'grooming'])

/** Signs told in the present tense (a child alone now), whatever past the message also tells. */
const PRESENT = new Set(['left_alone', 'no_adult', 'stranded'])

/** Danger words whose service weight drops when the message only talks about them (news, a lesson). */
const TALKED_ABOUT = new Set(['self_harm', 'abuse', 'sexual_abuse', 'missing', 'carer_gone', 'rough_sleeping'])

/** Words that put it today, whatever else the message says. */
const STRONG_NOW = /今天|今晚|今早|刚才|刚刚|正在|还在|还没|又|此刻|这会|昨晚|昨天|\b(right now|tonight|today|again|still|currently|this (morning|evening)|last night)\b/

/** Words that put it now. */
const NOW = /现在|今天|今晚|今早|刚才|刚刚|正在|还在|此刻|马上|一直|又|这会|这两天|昨晚|昨天|天了|晚了|夜了|个星期|个礼拜|一周|至今|到现在|\b(now|right now|tonight|today|currently|still|since|this (morning|evening)|last night|for (two|three|\d+) (days|nights))\b/

export interface Urgency {
  urgent: boolean
  /** Reason ids with the words that triggered them, e.g. `self_harm: 想死`. */
  reasons: string[]
  /** Signs seen but discounted (news, course, future, past). */
  discounted: string[]
  /** The words of discounted signs (the router weighs them less as service terms too). */
  discountedWords: string[]
  /** Death words said as a joke ("无聊死了想死了哈哈"): the router does not count them for mental health. */
  jokeWords?: string[]
  /** A frame that explains the danger words away (a jab's reaction, a placement asked for, a joke, a pattern asked
   * about): the learned model alone does not overrule it. */
  frame?: 'jab' | 'placement' | 'joke' | 'pattern' | 'benefit' | 'illness' | 'topic' | 'temper' | 'service_ask' | 'theft' | 'crisis' | 'parenting' | 'homesick' | 'habit'
}

/** A message that is only the name of a topic ("流浪", "流浪儿童救助"): it names no child, no place and no time,
 * so it cannot say a child is out there now; it asks about the service (guardianship_care). Any more words
 * ("孩子在外面流浪", "桥洞底下睡着个孩子") are judged by the signs as before. */
const BARE_TOPIC = /^(流浪|流浪儿童|流浪孩子|流浪的孩子|流浪救助|流浪儿童救助|流浪人员)(救助|问题|怎么办|咋办)?$/

/** Ordinary illness words ("女儿发烧了", "a cough"): a question about a doctor, not a danger now. */
const ILLNESS = /烧了|咳了|发烧|发热|高烧|烧到|咳嗽|感冒|着凉|拉肚子|拉稀|腹泻|吐了|呕吐|出疹|起疹|疹子|流鼻涕|鼻塞|嗓子疼|喉咙疼|肚子疼|\b(fever|temperature|cough\w*|colds?|flu|diarrh\w*|vomit\w*|threw up|throwing up|rash|sick)\b/
/** A danger sign beside an illness: the learned model may still call it (QA round: a fever alone is not urgent). */
const ILLNESS_DANGER = /昏迷|抽搐|抽了|浑身抽|抽筋|翻白眼|眼睛往上翻|叫不醒|喊不醒|没反应|不省人事|说胡话|喘不上|喘不过|喘气|呼吸|憋|发紫|发青|嘴唇|没人管|没人照顾|没人看|没人带|没大人|一个人|自己在家|独自|高烧不退|不退|好几天|几天了|三天|四天|五天|一个星期|脱水|尿不出|血|晕|中毒|药|误食|吞|烫|冻|没吃|没喝|没钱|一分钱|赶出|住哪|被困|打|伤|摔|满地打滚|\b(alone|unconscious|seizure|fit|fits|breath\w*|wake|nobody|no one|blood|days|week|hit|hurt|injur\w*|pills?|swallow\w*|no food|no heating|cold until)\b/


export function assessUrgency(text: string): Urgency {
  const bare = text.replace(/[\s\p{P}\p{S}]/gu, '')
  if (BARE_TOPIC.test(bare)) return { urgent: false, reasons: [], discounted: [`rough_sleeping: ${bare} (a topic word alone)`], discountedWords: [], frame: 'topic' }
  const jokes: string[] = []
  // "打死他的心都有 到底该咋管": the exasperation is blanked and the rest judged; not urgent → a parenting question
  const exasperated = EXASPERATION.test(text) && MANAGE_ASK.test(text)
  const u = assessSigns(exasperated ? text.replace(EXASPERATION, '　') : text, jokes)
  if (exasperated && !u.urgent) return { ...u, frame: 'parenting' }
  // where the child is, is known (晚自习, 请假了, 上大学了): the missing words are talked about, not happening
  if (!u.urgent && KNOWN_WHERE.test(text)) {
    const words = SIGNS.filter((x) => x.id === 'missing').map((x) => x.re.exec(text)?.[0]).filter((w): w is string => !!w)
    if (words.length) u.discountedWords = [...u.discountedWords, ...words]
  }
  if (jokes.length && !u.urgent) return { ...u, jokeWords: jokes, frame: u.frame ?? 'joke' }
  if (!u.urgent && !u.frame && JAB.test(text)) return { ...u, frame: 'jab' }
  // "天天抱着手机 说一句顶十句 管不了 咋整": a parent asking what to do about a defiant child, no sign of danger at all; the
  // model alone reads the story's common characters (说, 天, 她) as urgent
  if (!u.urgent && !u.frame && !u.discounted.length && DEFIANT.test(text) && PARENTING_ASK.test(text)) return { ...u, frame: 'parenting' }
  // "电动车昨天被偷了 小区也没监控": a thing stolen; the model alone does not make a theft urgent
  if (!u.urgent && !u.frame && THEFT.test(text)) return { ...u, frame: 'theft' }
  // "从老家接过来以后天天晚上哭 说想奶奶": a homesick child, no sign of danger; the model alone does not make it urgent
  if (!u.urgent && !u.frame && HOMESICK.test(text) && SAD_DAILY.test(text)) return { ...u, frame: 'homesick' }
  // "女儿发烧了": an ordinary illness with no sign of danger (fits, unconscious, no breath, nobody there, days
  // without care): the rules judge it, the model alone does not make it urgent
  if (!u.urgent && !u.frame && ILLNESS.test(text) && !ILLNESS_DANGER.test(text)) return { ...u, frame: 'illness' }
  // "两口子总是喝得醉醺醺的 小孩老是一个人在外面晃 有人管吗": neglect told as a habit, asking who can step in; the model alone
  // does not make it urgent
  if (!u.urgent && !u.frame && !u.discounted.length && habitAsked(text)) return { ...u, frame: 'habit' }
  return u
}

function assessSigns(text: string, jokes: string[]): Urgency {
  const hits: Array<{ id: string; w: number; words: string; at: number }> = []
  const jab = JAB.test(text)
  const han = /[\u3400-\u9fff]/.test(text)
  const latin = /[a-z]{2}/.test(text)
  for (const s of SIGNS) {
    // a sign written only in Chinese (or only in English) cannot match a message without that script
    const script = SCRIPT.get(s)!
    if ((script === 'zh' && !han) || (script === 'en' && !latin)) continue
    const m = s.re.exec(text)
    if (!m) continue
    // "没想过伤害自己": a denial, not a sign
    if ((s.id === 'self_harm' || s.id === 'self_harm_soft') && /(没想过|没有想过|不会|从没|从来没|没打算|不是想|\bnever thought of|\bnot)\s*$/.test(text.slice(Math.max(0, m.index - 6), m.index))) continue
    // "他爸长期在外不回家": an adult staying away is not a missing child
    if (s.id === 'missing' && /回家|回来|归宿/.test(m[0]) && /(爸|妈|父亲|母亲|老公|老婆|丈夫|大人|家长|男人)/.test(text.slice(Math.max(0, m.index - 8), m.index))) continue
    // "老公从架子上摔下来 流了好多血": an adult's fall is not a child's emergency
    if (s.re.source.startsWith('(?:(?:摔') && ADULT_BEFORE_NOT_HOME.test(text.slice(Math.max(0, m.index - 8), m.index))) continue
    // "打骂都没用": a parent saying scolding does not work, not a beating
    if (s.id === 'abuse' && /打骂(都|也)?没用|打也打了|骂也骂了/.test(text) && /打骂|打也打/.test(m[0])) continue
    // an injury from a fall or a game is not a beating
    if ((s.id === 'abuse' || s.id === 'harm_near_child' || s.id === 'injury') && ACCIDENT.test(text) && !/打|揍|抽|踢|掐|beat|hit|punch|kick/.test(m[0])) continue
    // "我家狗走丢了", "手机被偷了，找不着": a thing right before the word, and no child named
    // "那个小本本找不着了", "孩子的接种本找不到了": the thing nearest before the word is what is lost, whatever
    // child the message also names
    if ((s.id === 'missing' || s.id === 'unreachable') && lostThing(text, m.index)) continue
    // "can't find her vaccine booklet": a thing right after the word
    if (s.id === 'missing' && /\b(find|found|lost)\b/.test(m[0]) && THING_AFTER_EN.test(text.slice(m.index + m[0].length))) continue
    // "他爸妈都找不着人": a parent who cannot be found is a carer gone, not a missing child
    if (s.id === 'missing' && /找不(到|着)|联系不上|不见了|失联/.test(m[0]) && ADULT_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) && !CHILD_AFTER.test(text.slice(m.index + m[0].length))) {
      if (!hits.some((h) => h.id === 'carer_gone')) hits.push({ id: 'carer_gone', w: 0.6, words: m[0], at: m.index })
      continue
    }
    // "her mother disappeared": the adult is the one gone (English)
    if (s.id === 'missing' && /\b(disappeared|missing|ran away|run away|ran off|can'?t (reach|contact|find) (him|her|them))\b/.test(m[0]) && ADULT_BEFORE_EN.test(text.slice(Math.max(0, m.index - 20), m.index))) {
      if (!hits.some((h) => h.id === 'carer_gone')) hits.push({ id: 'carer_gone', w: 0.6, words: m[0], at: m.index })
      continue
    }
    // "老师说今天没到校 是我忘了请假 他在家发烧", "上大学了 好几个月没回家": where the child is, is known
    if (s.id === 'missing' && KNOWN_WHERE.test(text) && text.search(FIRMLY_RESOLVED) < 0) continue
    // "毕业了 给同学发了告别的消息": a goodbye with its reason (a graduation, a move)
    if (s.id === 'goodbye_sent' && FAREWELL_REASON.test(text.replace(PARENT_AT_WORK, '　'))) continue
    // "要杀了你" in a game, "关在房间写作业半小时": not a danger
    if ((s.id === 'weapon' || s.id === 'threat') && /杀|弄死|打死|\bkill/.test(m[0]) && GAME.test(text)) continue
    // "my kids are home alone a lot": a habit to talk about, not a child alone now (as 孩子经常一个人在家)
    if (s.id === 'left_alone' && /\b(alone|own|by (him|her|them)sel\w*)$/.test(m[0].trim()) && HABITUAL_EN.test(text) && !/\b(now|tonight|today|since|for (two|three|\d+|several|a few) (days|nights)|days?|nights?|midnight|outside|cold|no food|hungry|locked)\b/.test(text)) continue
    // "打完针哭了一晚上 腿上肿了个包": a reaction to a jab, not an injury
    if (jab && JAB_EXPLAINS.has(s.id) && !/打|揍|抽|踢|掐|beat|hit|punch|kick/.test(m[0].replace(/打(完|了|过)?(针|疫苗)/g, ''))) continue
    // "天天说饿死了": everyday talk of hunger, not a child starved
    if (s.id === 'harm_near_child' && /饿$/.test(m[0]) && /^死(了|啦|我)/.test(text.slice(m.index + m[0].length))) continue
    // "无聊死了想死了哈哈哈": a joke about boredom, not self-harm
    if (s.id === 'self_harm' && JOKE_DEATH.test(m[0]) && LAUGHTER.test(text) && HYPERBOLE_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) {
      jokes.push(m[0])
      continue
    }
    // "娃在家天天喊无聊死了 闷得想死 附近有啥活动": boredom said as death talk by a child asking for something to do (no
    // other death word after it)
    const before = text.slice(Math.max(0, m.index - 10), m.index)
    if (s.id === 'self_harm' && JOKE_DEATH.test(m[0]) && ACTIVITY_ASK.test(text) && (BOREDOM_BEFORE.test(before) || HYPERBOLE_BEFORE.test(before)) && !s.re.test(text.slice(m.index + m[0].length))) {
      jokes.push(m[0])
      continue
    }
    // "要被数学整死了哈哈", "快被作业逼死了": schoolwork said as the one that kills, a child's hyperbole, not a threat
    if ((s.id === 'threat' || s.id === 'self_harm' || s.id === 'self_harm_soft') && /死/.test(m[0]) && SCHOOLWORK_AGENT.test(text.slice(Math.max(0, m.index - 10), m.index))) {
      jokes.push(m[0])
      continue
    }
    // "能不能找派出所": the parent going to the police, not a carer taken there
    if (s.id === 'carer_gone' && /^派出所/.test(m[0]) && /(找|去|报|问|打给|联系|上)$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue
    // "他把自己反锁屋里", "把自己关在厕所": the child shut themself in (isolating), not a child locked in by someone
    if (s.id === 'left_alone' && /^(反锁|关|锁)/.test(m[0]) && /把自己$/.test(text.slice(Math.max(0, m.index - 3), m.index))) continue
    if (s.id === 'left_alone' && /关|锁/.test(m[0]) && ORDINARY_STAY.test(text.slice(m.index + m[0].length).replace(/^(房间|屋里|屋|家里|家)(里)?/, ''))) continue
    // one stretch of text is one sign ("sexual abuse" is not also "abuse")
    const at = m.index
    const end = at + m[0].length
    // partly overlapping spans of different kinds are two signs (娃把自己锁在 + 锁在房间一整天)
    const clash = hits.findIndex((h) => (h.at <= at && end <= h.at + h.words.length) || (at <= h.at && h.at + h.words.length <= end) || (h.id === s.id && h.at < end && at < h.at + h.words.length))
    if (clash >= 0) {
      if (hits[clash]!.w >= s.w) continue
      hits.splice(clash, 1)
    }
    hits.push({ id: s.id, w: s.w, words: m[0], at })
  }
  // a goodbye said in two ways at once (谢谢你们 … 以后不用等我了): a farewell
  const farewell = farewellSign(text)
  if (farewell && !hits.some((h) => h.id === 'self_harm')) hits.push({ id: 'farewell', w: farewell.w, words: farewell.words, at: text.search(FAREWELL_PARTS.find((re) => re.test(text))!) })
  // a child, a span of days and an adult not seen: a child left alone for days
  const days = daysAloneSign(text)
  if (days && !hits.some((h) => h.id === 'left_alone' && h.w >= 1.1)) hits.push({ id: 'days_alone', w: days.w, words: days.words, at: days.at })
  // an adult met online with gifts, secrecy or a meeting asked for: grooming
  const grooming = groomingSign(text)
  if (grooming) hits.push({ id: 'grooming', w: grooming.w, words: grooming.words, at: text.search(GROOMING_PARTS.find((re) => re.test(text))!) })
  // a child not arrived where expected, with when they were due, a search or the school's word
  const notArrived = notArrivedSign(text)
  if (notArrived && !hits.some((h) => h.id === 'missing' && h.w >= 1.1) && !lostThing(text, notArrived.at)) {
    const weak = hits.findIndex((h) => h.id === 'missing')
    if (weak >= 0) hits.splice(weak, 1)
    hits.push({ id: 'missing', w: notArrived.w, words: notArrived.words, at: notArrived.at })
  }
  // after a jab the categories (打 + 肿 + 哭) read the reaction as harm: they count only beside another sign
  const category = categorySign(text)
  if (category && !(jab && !hits.length)) hits.push({ id: 'categories', w: category.w, words: category.words, at: text.length })
  if (!hits.length) return { urgent: false, reasons: [], discounted: [], discountedWords: [] }
  // someone looks after the child now: a parent detained or unreachable is a need, not a danger
  if (CARED_FOR.test(text)) for (const h of hits) if (CARER_IDS.has(h.id)) h.w *= 0.5
  const reasons = hits.map((h) => `${h.id}: ${h.words}`)
  const ideation = hits.some((h) => IDEATION.has(h.id) && h.w >= 1)
  // a scare told with its happy end ("走丢了，已经找到了"): over, unless a sign comes after the end
  const lastEnd = [...text.matchAll(FIRMLY_RESOLVED)].filter((r) => !/(没|没有|不|不会|不想|不要|别|能|会)$/.test(text.slice(Math.max(0, r.index! - 3), r.index!))).map((r) => r.index!).pop()
  if (lastEnd !== undefined && hits.every((h) => h.at < lastEnd) && !/又|再次|\bagain\b/.test(text.slice(lastEnd))) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (resolved)`), discountedWords: hits.filter((h) => TALKED_ABOUT.has(h.id)).map((h) => h.words) }
  }
  // a placement asked for while a carer is away ("他妈住院 … 孩子没人看 能不能暂时放到救助站"): a need, not a danger
  if (PLACEMENT_ASK.test(text) && !STRONG_NOW.test(text) && hits.every((h) => PLACEMENT_SIGNS.has(h.id))) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a placement asked for)`), discountedWords: [], frame: 'placement' }
  }
  // a benefit asked for an orphaned child ("特困供养孩子能办吗 … 都走了 就剩他一个"): a question, not a danger
  if (BENEFIT_ASK.test(text) && !STRONG_NOW.test(text) && !DEPRIVED_NOW.test(text) && hits.every((h) => BENEFIT_SIGNS.has(h.id))) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a benefit asked for)`), discountedWords: [], frame: 'benefit' }
  }
  // extortion told as a pattern, asking what can be done ("堵厕所要钱 好几回了 学校咋处理"): a safety question
  if (REPEATED.test(text) && !STRONG_NOW.test(text) && !/现在|正在/.test(text) && hits.every((h) => EXTORTION_ONLY.has(h.id)) && hits.some((h) => h.id.startsWith('extortion')) && !VIOLENCE_THREAT.test(text.replace(/打(电话|听)/g, ''))) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a pattern, asked about)`), discountedWords: [], frame: 'pattern' }
  }
  // a parent who hit the child once in anger asks how to keep their temper: a parenting question
  if (SELF_HIT.test(text) && TEMPER_ASK.test(text) && !TEMPER_DANGER.test(text.replace(/又(想|怕|急|气)/g, '')) && hits.every((h) => h.id === 'categories' || h.id === 'now_distress' || h.id === 'abuse' || h.id === 'harm_near_child')) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a parent asking how to keep their temper)`), discountedWords: [], frame: 'temper' }
  }
  // neglect told as a habit, asking who can step in (邻居两口子天天喝 娃老是没人做饭 … 能找谁管管): a guardianship question, not a
  // child in danger now (the sets' convention, as 孩子经常一个人在家)
  if (habitAsked(text) && hits.every((h) => HABIT_SIGNS.has(h.id) || (HABIT_HUNGER.has(h.id) && /饿|吃/.test(h.words)))) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a habit, asked about)`), discountedWords: [], frame: 'habit' }
  }
  // a service asked for at the end of a story (… 能不能申请公租房 要啥条件): the category layer alone reads the hardship as harm
  // ("住的工棚冬天冻得不行 … 想问问能不能申请公租房": the family tells its own cold home, no child left out in it)
  const ownHome = /(我们|俺们|我家|俺家|一家|两口子)/.test(text) && /(住|租)[^，。,.！!？?]{0,8}(房|屋|地下室|工棚|棚|城中村)/.test(text)
  const hardshipOnly = hits.every((h) => (h.id === 'categories' && !/agent|harm_act|death/.test(h.words)) || (ownHome && /^(冻得|冷得)/.test(h.words)))
  if (SERVICE_ASK.test(text) && hits.some((h) => h.id === 'categories') && hardshipOnly && !/今天|今晚|今早|刚才|刚刚|正在|此刻|这会|昨晚|\b(right now|tonight|today)\b/.test(text)) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a service asked for)`), discountedWords: [], frame: 'service_ask' }
  }
  // a family's one-off crisis told by a parent (孩子爸出了车祸躺在医院 … 房租还欠着 米也快吃完了): a hardship asked about; the
  // carer in hospital is not a child left alone when nothing says the child is alone or hurt
  if (CRISIS_PARTS.filter((re) => re.test(text)).length >= 2 && hits.every((h) => CRISIS_SIGNS.has(h.id) || (h.id === 'crisis' && /^出(了)?事/.test(h.words)) || (h.id === 'categories' && !/death|deprivation|body/.test(h.words))) && !CHILD_ALONE.test(text)) {
    return { urgent: false, reasons: [], discounted: reasons.map((r) => `${r} (a family's hardships)`), discountedWords: [], frame: 'crisis' }
  }
  const distance = DISTANCE.filter((d) => d.re.test(text)).map((d) => d.id).filter((d) => !(ideation && d === 'future'))
  const now = NOW.test(text)
  // one clear sign is enough; weaker ones add up
  const ids = new Set(hits.map((h) => h.id))
  let score = 0
  for (const id of ids) score += Math.max(...hits.filter((h) => h.id === id).map((h) => h.w))
  // news, a past or resolved event: only something happening again today counts as now;
  // a course, a policy question or a plan: any sign of now does
  const strongNow = STRONG_NOW.test(text)
  const far = distance.some((d) => d === 'past' || d === 'resolved' || d === 'news')
  if (distance.length && (far ? !strongNow : !now)) {
    // news, a course, a plan or a resolved past: only strong, repeated signs still count; a child
    // alone or without an adult is told in the present, so a past word elsewhere does not soften it
    const factor = distance.includes('past') || distance.includes('news') || distance.includes('resolved') ? 0.3 : 0.5
    const keepsPresent = distance.includes('past') && !distance.includes('resolved') && !distance.includes('news')
    score = 0
    const aloneNow = ids.has('left_alone') || ids.has('no_adult')
    for (const id of ids) {
      const present = PRESENT.has(id) || (aloneNow && (id === 'carer_gone' || id === 'carer_hospital'))
      score += Math.max(...hits.filter((h) => h.id === id).map((h) => h.w)) * (keepsPresent && present ? 1 : factor)
    }
    return { urgent: score >= 1, reasons: score >= 1 ? reasons : [], discounted: score >= 1 ? [] : [...reasons.map((r) => `${r} (${distance.join(', ')})`)], discountedWords: score >= 1 ? [] : hits.filter((h) => TALKED_ABOUT.has(h.id)).map((h) => h.words) }
  }
  if (distance.includes('future') && !distance.includes('past')) score *= 0.75
  return { urgent: score >= 1, reasons: score >= 1 ? reasons : [], discounted: score >= 1 ? [] : reasons, discountedWords: [] }
}
