/**
 * Messages of the coverage screens, Chinese first. Both languages live here so the
 * screens' owner edits one file; `zh.ts` and `en.ts` spread them in.
 */
export const coverageZh = {
  'coverage.title': '覆盖情况',
  'coverage.intro':
    '各单位的陈述对照“十二个是否”检查到了哪里、由谁批注；虚线空格是尚未覆盖的问题。',
  'coverage.introReadOnly': '只读查看各巡视组的覆盖情况：各单位对照“十二个是否”的批注与空缺。',
  'coverage.loading': '正在加载覆盖情况…',
  'coverage.loadError': '无法加载覆盖情况',
  'coverage.noRound': '还没有可查看的巡视轮次',
  'coverage.noRoundHint': '巡视办创建轮次并分组后，这里会显示覆盖情况。',
  'coverage.noGroups': '本轮还没有巡视组',
  'coverage.noGroupsHint': '巡视办在“轮次设置”中设置巡视组并分配单位后，这里会显示覆盖矩阵。',
  'coverage.noUnits': '{group}还没有分配被巡视单位',
  'coverage.noUnitsHint': '巡视办分配单位后，这里会出现单位 × 问题的覆盖矩阵。',
  'coverage.noAnnotations':
    '还没有批注。在工作台打开一份陈述，选中文字并标注对应的问题，矩阵就会填上。',
  'coverage.toWorkbench': '去工作台',
  'coverage.group': '巡视组',

  'coverage.stat.label': '本组概况',
  'coverage.stat.coverage': '覆盖率',
  'coverage.stat.covered': '{covered} / {cells} 格已覆盖',
  'coverage.stat.open': '未解决批注',
  'coverage.stat.resolved': '已解决批注',
  'coverage.stat.gaps': '空缺',
  'coverage.stat.gapsHint': '尚无批注的单元格',

  'coverage.people.title': '批注人',
  'coverage.people.item': '{annotations} 条 · {units} 个单位',
  'coverage.people.none': '还没有人批注',

  'coverage.legend.label': '图例',
  'coverage.legend.fewer': '少',
  'coverage.legend.more': '多',
  'coverage.legend.count': '颜色深浅表示批注数',
  'coverage.legend.open': '未解决',
  'coverage.legend.resolved': '已解决',
  'coverage.legend.gap': '空缺',
  'coverage.legend.keys': '方向键移动，回车查看批注',

  'coverage.matrix.label': '{group}：单位 × 问题覆盖矩阵',
  'coverage.matrix.unit': '被巡视单位',
  'coverage.matrix.total': '合计',
  'coverage.matrix.unitMeta': '{statements} 份陈述 · {annotated} 份已批注',
  'coverage.matrix.untagged': '另有 {n} 条未标注问题',
  'coverage.matrix.covered': '已覆盖单位',
  'coverage.matrix.retired': '已停用',
  'coverage.matrix.totalLabel': '{unit} 合计：未解决 {open}，已解决 {resolved}',

  'coverage.cell.label': '{unit} · {code}：未解决 {open}，已解决 {resolved}',
  'coverage.cell.authors': '，批注人：{names}',
  'coverage.cell.gapLabel': '{unit} · {code}：空缺，尚无批注',
  'coverage.cell.gap': '空缺',

  'coverage.panel.label': '单元格批注',
  'coverage.panel.close': '关闭',
  'coverage.panel.createFinding': '生成发现问题',
  'coverage.panel.creating': '正在创建…',
  'coverage.panel.counts': '未解决 {open} · 已解决 {resolved}',
  'coverage.panel.loading': '正在加载批注…',
  'coverage.panel.error': '无法加载这个单元格的批注',
  'coverage.panel.empty': '这里还没有批注',
  'coverage.panel.emptyHint':
    '{unit}的陈述还没有对照 {code} 检查。打开陈述，选中文字后标注 {code}。',
  'coverage.panel.open': '在工作台打开',
  'coverage.panel.evidencePage': '{name} 第 {page} 页',
  'coverage.panel.task': '{task} · 第 {version} 版',
  'coverage.panel.noTask': '第 {version} 版陈述',
  'coverage.panel.statusOpen': '未解决',
  'coverage.panel.statusResolved': '已解决',
  'coverage.panel.orphaned': '待重新定位',
  'coverage.panel.noQuote': '（未引用原文）',
} as const;

export const coverageEn: Record<keyof typeof coverageZh, string> = {
  'coverage.title': 'Coverage',
  'coverage.intro':
    'Which of the twelve questions each unit’s statements have been checked against, and by whom; dashed cells are gaps.',
  'coverage.introReadOnly':
    'A read-only view of every group’s coverage: annotations and gaps per unit against the twelve questions.',
  'coverage.loading': 'Loading coverage…',
  'coverage.loadError': 'Coverage could not be loaded',
  'coverage.noRound': 'No inspection round to show yet',
  'coverage.noRoundHint':
    'Coverage appears here once the inspection office has created a round and its groups.',
  'coverage.noGroups': 'This round has no inspection groups yet',
  'coverage.noGroupsHint':
    'Once the inspection office sets up groups and assigns units under Round setup, the matrix appears here.',
  'coverage.noUnits': '{group} has no units assigned yet',
  'coverage.noUnitsHint':
    'Once the inspection office assigns units, the unit × question matrix appears here.',
  'coverage.noAnnotations':
    'No annotations yet. Open a statement in the workbench, select text and tag its question, and the matrix fills in.',
  'coverage.toWorkbench': 'Go to the workbench',
  'coverage.group': 'Inspection group',

  'coverage.stat.label': 'Group summary',
  'coverage.stat.coverage': 'Coverage',
  'coverage.stat.covered': '{covered} of {cells} cells covered',
  'coverage.stat.open': 'Open annotations',
  'coverage.stat.resolved': 'Resolved annotations',
  'coverage.stat.gaps': 'Gaps',
  'coverage.stat.gapsHint': 'cells without any annotation',

  'coverage.people.title': 'Annotated by',
  'coverage.people.item': '{annotations} annotations · {units} units',
  'coverage.people.none': 'Nobody has annotated yet',

  'coverage.legend.label': 'Legend',
  'coverage.legend.fewer': 'Fewer',
  'coverage.legend.more': 'More',
  'coverage.legend.count': 'Shade shows the number of annotations',
  'coverage.legend.open': 'Open',
  'coverage.legend.resolved': 'Resolved',
  'coverage.legend.gap': 'Gap',
  'coverage.legend.keys': 'Arrow keys move, Enter shows the annotations',

  'coverage.matrix.label': '{group}: unit × question coverage matrix',
  'coverage.matrix.unit': 'Unit',
  'coverage.matrix.total': 'Total',
  'coverage.matrix.unitMeta': '{statements} statements · {annotated} annotated',
  'coverage.matrix.untagged': '{n} more without a question',
  'coverage.matrix.covered': 'Units covered',
  'coverage.matrix.retired': 'Retired',
  'coverage.matrix.totalLabel': '{unit} total: {open} open, {resolved} resolved',

  'coverage.cell.label': '{unit} · {code}: {open} open, {resolved} resolved',
  'coverage.cell.authors': '; annotated by {names}',
  'coverage.cell.gapLabel': '{unit} · {code}: gap, no annotations yet',
  'coverage.cell.gap': 'Gap',

  'coverage.panel.label': 'Annotations of the cell',
  'coverage.panel.close': 'Close',
  'coverage.panel.createFinding': 'Make a finding',
  'coverage.panel.creating': 'Creating…',
  'coverage.panel.counts': '{open} open · {resolved} resolved',
  'coverage.panel.loading': 'Loading annotations…',
  'coverage.panel.error': 'The annotations of this cell could not be loaded',
  'coverage.panel.empty': 'No annotations here yet',
  'coverage.panel.emptyHint':
    '{unit}’s statements have not been checked against {code} yet. Open a statement, select text and tag it {code}.',
  'coverage.panel.open': 'Open in the workbench',
  'coverage.panel.evidencePage': '{name}, page {page}',
  'coverage.panel.task': '{task} · version {version}',
  'coverage.panel.noTask': 'Statement version {version}',
  'coverage.panel.statusOpen': 'Open',
  'coverage.panel.statusResolved': 'Resolved',
  'coverage.panel.orphaned': 'Needs re-attaching',
  'coverage.panel.noQuote': '(no quoted text)',
};
