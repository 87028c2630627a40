/**
 * The demo round: a university's special inspection of how it rectified the
 * "six shortcomings" a central inspection found. Invented, plausible content.
 */
export const DEMO_PASSWORD = 'rectify-demo';

export const DEMO_ROUND = {
  name: '十九届中央巡视整改落实情况专项巡视（演示）',
  theme: '监督检查中央巡视整改落实',
  startsOn: '2024-03-01',
  endsOn: '2024-06-30',
};

export const DEMO_GROUPS = ['第一巡视组', '第二巡视组', '第三巡视组', '第四巡视组'];

/** Units and the group (index into DEMO_GROUPS) that inspects each. */
export const DEMO_UNITS: Array<{ name: string; group: number }> = [
  { name: '教务处', group: 0 },
  { name: '研究生院', group: 0 },
  { name: '学生工作部', group: 0 },
  { name: '党委组织部', group: 1 },
  { name: '人事处', group: 1 },
  { name: '党委宣传部', group: 1 },
  { name: '科学技术研究院', group: 2 },
  { name: '财务处', group: 2 },
  { name: '国有资产管理处', group: 3 },
  { name: '后勤保障处', group: 3 },
];

export type DemoKind = 'completed' | 'long_term' | 'supplementary' | 'rules';

export interface DemoTask {
  title: string;
  measure: string;
  lead: string;
  co: string[];
  kind: DemoKind;
  deadline: string | null;
  deadlineText: string;
}

export const DEMO_PROBLEMS: Array<{ title: string; tasks: DemoTask[] }> = [
  {
    title: '学习贯彻习近平新时代中国特色社会主义思想不够深入',
    tasks: [
      {
        title: '健全党委理论学习中心组学习制度',
        measure: '修订中心组学习规则，建立学习督查通报机制',
        lead: '党委宣传部',
        co: ['党委组织部'],
        kind: 'rules',
        deadline: '2023-06-30',
        deadlineText: '2023年6月底前',
      },
      {
        title: '推进党的创新理论进课堂',
        measure: '完善思政课程与课程思政协同机制',
        lead: '教务处',
        co: ['研究生院', '学生工作部'],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '加强基层党组织理论学习',
        measure: '建立院系党委学习情况季度报告制度',
        lead: '党委组织部',
        co: [],
        kind: 'completed',
        deadline: '2023-03-31',
        deadlineText: '2023年3月底前',
      },
      {
        title: '开展专题调研',
        measure: '围绕教育强国建设开展专题调研并形成成果转化清单',
        lead: '党委宣传部',
        co: ['科学技术研究院'],
        kind: 'supplementary',
        deadline: '2023-12-31',
        deadlineText: '2023年底前',
      },
      {
        title: '完善意识形态工作责任制',
        measure: '制定意识形态工作责任清单，纳入年度考核',
        lead: '党委宣传部',
        co: ['人事处'],
        kind: 'rules',
        deadline: '2023-09-30',
        deadlineText: '2023.9',
      },
    ],
  },
  {
    title: '落实立德树人根本任务存在差距',
    tasks: [
      {
        title: '修订本科生导师制实施办法',
        measure: '修订《本科生导师制实施办法》，明确导师职责与考核',
        lead: '教务处',
        co: ['人事处'],
        kind: 'rules',
        deadline: '2023-06-30',
        deadlineText: '2023-06-30',
      },
      {
        title: '完善研究生培养质量监控',
        measure: '建立学位论文抽检结果通报和问责机制',
        lead: '研究生院',
        co: [],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '加强辅导员队伍建设',
        measure: '按师生比配齐专职辅导员，完善职称评审单列',
        lead: '学生工作部',
        co: ['人事处'],
        kind: 'completed',
        deadline: '2023-04-30',
        deadlineText: '2023年4月底前',
      },
      {
        title: '推进本科培养方案修订',
        measure: '完成全部本科专业培养方案修订并组织专家评审',
        lead: '教务处',
        co: ['研究生院'],
        kind: 'completed',
        deadline: '2023-07-31',
        deadlineText: '2023年7月底前',
      },
      {
        title: '强化实践育人',
        measure: '建设校级实践教学基地，落实实践学分要求',
        lead: '教务处',
        co: ['学生工作部', '国有资产管理处'],
        kind: 'supplementary',
        deadline: '2024-06-30',
        deadlineText: '2024年6月底前',
      },
    ],
  },
  {
    title: '服务国家重大战略需求不够有力',
    tasks: [
      {
        title: '优化学科布局',
        measure: '对接国家重大战略，动态调整学科专业结构',
        lead: '研究生院',
        co: ['教务处'],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '加强有组织科研',
        measure: '组建面向重大需求的科研团队，完善配套支持政策',
        lead: '科学技术研究院',
        co: ['人事处', '财务处'],
        kind: 'supplementary',
        deadline: '2024-03-31',
        deadlineText: '2024年3月底前',
      },
      {
        title: '推进科技成果转化',
        measure: '修订科技成果转化管理办法，完善收益分配',
        lead: '科学技术研究院',
        co: ['国有资产管理处'],
        kind: 'rules',
        deadline: '2023-10-31',
        deadlineText: '2023.10',
      },
      {
        title: '完善科研经费管理',
        measure: '简化科研经费报销流程，开展经费使用专项检查',
        lead: '财务处',
        co: ['科学技术研究院'],
        kind: 'completed',
        deadline: '2023-05-31',
        deadlineText: '2023年5月底前',
      },
      {
        title: '深化校地合作',
        measure: '与地方共建研究院并建立年度评估机制',
        lead: '科学技术研究院',
        co: [],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
    ],
  },
  {
    title: '全面从严治党“两个责任”落实不够到位',
    tasks: [
      {
        title: '压实管党治党政治责任',
        measure: '制定党委主体责任清单和班子成员“一岗双责”清单',
        lead: '党委组织部',
        co: ['党委宣传部'],
        kind: 'rules',
        deadline: '2023-04-30',
        deadlineText: '2023年4月底前',
      },
      {
        title: '加强重点领域廉政风险防控',
        measure: '对招生、基建、采购等领域开展廉政风险排查',
        lead: '国有资产管理处',
        co: ['后勤保障处', '财务处'],
        kind: 'completed',
        deadline: '2023-08-31',
        deadlineText: '2023年8月底前',
      },
      {
        title: '规范公务接待管理',
        measure: '修订公务接待管理办法，建立接待清单公示制度',
        lead: '后勤保障处',
        co: ['财务处'],
        kind: 'rules',
        deadline: '2023-06-30',
        deadlineText: '2023年6月底前',
      },
      {
        title: '整治形式主义官僚主义',
        measure: '精简会议文件，开展基层减负专项整治',
        lead: '党委组织部',
        co: [],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '加强作风建设监督检查',
        measure: '开展节假日作风建设专项检查并通报',
        lead: '学生工作部',
        co: ['后勤保障处'],
        kind: 'supplementary',
        deadline: '2024-01-31',
        deadlineText: '2024年1月底前',
      },
    ],
  },
  {
    title: '领导班子和干部人才队伍建设存在短板',
    tasks: [
      {
        title: '优化干部选拔任用机制',
        measure: '修订处级干部选拔任用工作实施办法',
        lead: '党委组织部',
        co: ['人事处'],
        kind: 'rules',
        deadline: '2023-07-31',
        deadlineText: '2023年7月底前',
      },
      {
        title: '加强年轻干部培养',
        measure: '建立优秀年轻干部库，实施递进式培养',
        lead: '党委组织部',
        co: [],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '完善人才评价体系',
        measure: '破除“五唯”，修订教师职称评审条件',
        lead: '人事处',
        co: ['科学技术研究院', '教务处'],
        kind: 'rules',
        deadline: '2023-12-31',
        deadlineText: '2023年底前',
      },
      {
        title: '加强师德师风建设',
        measure: '建立师德失范行为通报和负面清单制度',
        lead: '人事处',
        co: ['党委宣传部'],
        kind: 'completed',
        deadline: '2023-05-31',
        deadlineText: '2023年5月底前',
      },
      {
        title: '引进高层次人才',
        measure: '完善高层次人才引进“一人一策”支持办法',
        lead: '人事处',
        co: ['财务处'],
        kind: 'supplementary',
        deadline: '2024-06-30',
        deadlineText: '2024年6月底前',
      },
    ],
  },
  {
    title: '巡视、审计等监督发现问题整改不够彻底',
    tasks: [
      {
        title: '建立整改台账动态管理机制',
        measure: '建立整改台账月度更新和销号审核制度',
        lead: '党委组织部',
        co: ['财务处'],
        kind: 'rules',
        deadline: '2023-03-31',
        deadlineText: '2023年3月底前',
      },
      {
        title: '规范国有资产出租出借',
        measure: '清理出租出借资产合同，完善审批流程',
        lead: '国有资产管理处',
        co: ['财务处'],
        kind: 'completed',
        deadline: '2023-06-30',
        deadlineText: '2023年6月底前',
      },
      {
        title: '加强审计整改结果运用',
        measure: '将审计整改情况纳入单位年度考核',
        lead: '财务处',
        co: ['人事处'],
        kind: 'long_term',
        deadline: null,
        deadlineText: '长期坚持',
      },
      {
        title: '整改后勤服务合同管理问题',
        measure: '开展后勤服务合同专项清理，建立履约评价',
        lead: '后勤保障处',
        co: ['国有资产管理处'],
        kind: 'completed',
        deadline: '2023-09-30',
        deadlineText: '2023年9月底前',
      },
      {
        title: '完善招生录取监督',
        measure: '健全研究生招生复试全过程监督机制',
        lead: '研究生院',
        co: ['学生工作部'],
        kind: 'supplementary',
        deadline: '2024-04-30',
        deadlineText: '2024年4月底前',
      },
    ],
  },
];

/** Submitted statements: task title → paragraphs the lead unit wrote. */
export const DEMO_STATEMENTS: Record<string, string[]> = {
  修订本科生导师制实施办法: [
    '我处于2023年5月完成《本科生导师制实施办法》修订工作，经校长办公会审议通过后印发施行。',
    '新办法明确了导师在思想引领、学业指导和生涯规划方面的职责，规定每名导师指导学生不超过15人，并将导师工作纳入教师年度考核。',
    '截至目前，全校共聘任本科生导师1,236名，覆盖全部本科专业。各学院已按要求建立导师工作记录，教务处每学期开展一次抽查。',
    '下一步，我处将会同人事处完善导师考核结果运用，推动导师制由“有”向“优”转变。',
  ],
  推进本科培养方案修订: [
    '我处牵头组织完成了全部86个本科专业培养方案修订，修订稿于2023年7月通过校教学指导委员会审议。',
    '修订过程中，各专业开展了毕业生和用人单位调研，共回收问卷3,400余份，调研结果已用于课程体系调整。',
    '新培养方案自2023级开始执行，实践教学学分占比平均提高至25%。',
  ],
  推进党的创新理论进课堂: [
    '我处持续推进课程思政建设，2023年立项建设课程思政示范课程120门，组织专题培训6场。',
    '建立了思政课程与专业课程教师集体备课机制，每学期召开一次协同工作会议。',
  ],
  强化实践育人: [
    '截至2024年3月，已建成校级实践教学基地42个，其中与地方政府共建18个。',
    '各专业培养方案均明确了不少于4学分的社会实践要求，学生参与率达到98%。',
  ],
  完善研究生培养质量监控: [
    '研究生院建立了学位论文抽检结果通报制度，对抽检存在问题的论文及导师实行约谈和限招。',
    '2023年共约谈导师11人，暂停招生资格3人。',
  ],
  加强辅导员队伍建设: [
    '学生工作部已按1:200师生比配齐专职辅导员，2023年新增专职辅导员24名。',
    '辅导员职称评审实行单列计划、单设标准、单独评审。',
  ],
  优化干部选拔任用机制: [
    '党委组织部于2023年7月修订印发《处级干部选拔任用工作实施办法》，进一步规范动议、民主推荐和考察程序。',
  ],
};
