// The demo network as data: which facilities, organizations, projects and contracts exist, and with what money.
// Figures printed in the two source articles (docs in shared/seeds) are reproduced exactly; the rest is synthetic.
import type {
  ContractDeliverables,
  FacilityKind,
  FacilityStatus,
  FundingSourceKind,
  OrganizationKind,
} from "#db/schema";
import { countyDigits } from "~/modules/regions/codes";

export type FacilitySpec = {
  code: string;
  kind: FacilityKind;
  name: string;
  townshipCode: string;
  villageCode?: string;
  /** Status history: each step with the day it took effect; the last is the current status. */
  history: [FacilityStatus, string][];
  capacity?: number;
  /** The staffing target (编制); null where none is set (planned, under construction). */
  staffTarget: number | null;
  serviceRadiusKm: number;
};

const stationRadius = (townshipCode: string) => (townshipCode.startsWith("540402") ? 20 : 60);

function station(
  townshipCode: string,
  townshipName: string,
  history: [FacilityStatus, string][],
  staffTarget: number | null = 3,
): FacilitySpec {
  return {
    code: `${townshipCode}-SW01`,
    kind: "social_work_station",
    name: `${townshipName}社会工作服务站`,
    townshipCode,
    history,
    staffTarget,
    serviceRadiusKm: stationRadius(townshipCode),
  };
}

const opened = (day: string): [FacilityStatus, string][] => [
  ["planned", `${Number(day.slice(0, 4)) - 1}-03-01`],
  ["under_construction", `${Number(day.slice(0, 4)) - 1}-09-01`],
  ["operating", day],
];

export const facilitySpecs: FacilitySpec[] = [
  // Bayi District: 6 stations before 2023, 3 more in 2023 → all 9 township-level units covered.
  station("540402102000", "八一镇", opened("2021-06-01"), 4),
  station("540402100000", "林芝镇", opened("2021-09-01")),
  station("540402101000", "百巴镇", opened("2022-03-01")),
  station("540402103000", "鲁朗镇", opened("2022-05-01")),
  station("540402001000", "白玛岗街道", opened("2022-07-01")),
  station("540402002000", "觉木街道", opened("2022-07-01")),
  station("540402200000", "更章门巴民族乡", opened("2023-05-10"), 2),
  station("540402202000", "布久乡", opened("2023-06-20"), 2),
  station("540402203000", "米瑞乡", opened("2023-08-15"), 2),
  {
    code: "540402101000-HH01",
    kind: "happiness_home",
    name: "百巴镇开朗村农村幸福院",
    townshipCode: "540402101000",
    villageCode: "540402101202",
    history: opened("2022-10-01"),
    capacity: 20,
    staffTarget: 2,
    serviceRadiusKm: 5,
  },
  {
    code: "540402102000-DC01",
    kind: "day_care_centre",
    name: "巴宜区老年人日间照料中心",
    townshipCode: "540402102000",
    history: opened("2022-11-01"),
    capacity: 40,
    staffTarget: 4,
    serviceRadiusKm: 10,
  },
  {
    code: "540402002000-CC01",
    kind: "children_care_centre",
    name: "巴宜区扬帆起航未成年人关爱保护服务中心",
    townshipCode: "540402002000",
    history: opened("2023-01-15"),
    capacity: 30,
    staffTarget: 3,
    serviceRadiusKm: 30,
  },
  {
    code: "540402100000-SC01",
    kind: "support_centre",
    name: "巴宜区特困人员集中供养服务中心",
    townshipCode: "540402100000",
    history: [["operating", "2018-07-01"]],
    capacity: 60,
    staffTarget: 8,
    serviceRadiusKm: 30,
  },
  {
    code: "540402103000-HH01",
    kind: "happiness_home",
    name: "鲁朗镇农村幸福院",
    townshipCode: "540402103000",
    history: [
      ["planned", "2023-03-01"],
      ["under_construction", "2024-05-01"],
      ["accepted", "2025-09-25"],
      ["trial_operation", "2025-10-08"],
    ],
    capacity: 20,
    staffTarget: null,
    serviceRadiusKm: 5,
  },
  {
    code: "540402202000-HH01",
    kind: "happiness_home",
    name: "布久乡农村幸福院",
    townshipCode: "540402202000",
    history: [["planned", "2023-03-01"]],
    capacity: 15,
    staffTarget: null,
    serviceRadiusKm: 5,
  },
  // Ngari: 7 key-town stations operating, 5 new township stations started in 2023. They go through the life cycle
  // the articles describe (竣工验收, 试运行, 运营): three opened in 2024 (two after a trial), 雄巴乡 is in trial
  // operation, 热帮乡 is still being built.
  station("542521100000", "普兰镇", opened("2021-07-01")),
  station("542522100000", "托林镇", opened("2021-07-01")),
  station("542523100000", "狮泉河镇", opened("2021-05-01"), 5),
  station("542524100000", "日土镇", opened("2021-08-01")),
  station("542525100000", "革吉镇", opened("2022-04-01")),
  station("542526100000", "改则镇", opened("2022-04-01")),
  station("542527100000", "措勤镇", opened("2022-05-01")),
  station(
    "542521200000",
    "巴嘎乡",
    [
      ["planned", "2022-11-01"],
      ["under_construction", "2023-04-01"],
      ["accepted", "2024-04-10"],
      ["trial_operation", "2024-04-20"],
      ["operating", "2024-06-01"],
    ],
    2,
  ),
  station(
    "542523200000",
    "昆莎乡",
    [
      ["planned", "2022-11-01"],
      ["under_construction", "2023-04-01"],
      ["accepted", "2024-04-01"],
      ["operating", "2024-05-15"],
    ],
    2,
  ),
  station(
    "542527200000",
    "磁石乡",
    [
      ["planned", "2022-11-01"],
      ["under_construction", "2023-05-01"],
      ["accepted", "2024-06-10"],
      ["trial_operation", "2024-06-20"],
      ["operating", "2024-07-01"],
    ],
    2,
  ),
  station(
    "542524200000",
    "热帮乡",
    [
      ["planned", "2022-11-01"],
      ["under_construction", "2023-06-01"],
    ],
    null,
  ),
  station(
    "542525200000",
    "雄巴乡",
    [
      ["planned", "2022-11-01"],
      ["under_construction", "2023-06-01"],
      ["accepted", "2025-09-20"],
      ["trial_operation", "2025-10-15"],
    ],
    2,
  ),
  ...(
    [
      ["542523100000", "噶尔县"],
      ["542521100000", "普兰县"],
      ["542524100000", "日土县"],
      ["542526100000", "改则县"],
      ["542527100000", "措勤县"],
    ] as const
  ).map(
    ([township, county]): FacilitySpec => ({
      code: `${township}-DC01`,
      kind: "day_care_centre",
      name: `${county}老年人日间照料中心`,
      townshipCode: township,
      history: [
        ["under_construction", "2022-06-01"],
        ["operating", "2023-03-01"],
      ],
      capacity: 30,
      staffTarget: 3,
      serviceRadiusKm: 15,
    }),
  ),
  {
    code: "542523100000-EA01",
    kind: "elderly_activity_centre",
    name: "阿里地区老年人活动中心",
    townshipCode: "542523100000",
    history: [
      ["under_construction", "2022-05-01"],
      ["operating", "2023-02-01"],
    ],
    capacity: 100,
    staffTarget: 4,
    serviceRadiusKm: 15,
  },
  {
    code: "542523100000-SC01",
    kind: "support_centre",
    name: "阿里地区“双集中”供养中心",
    townshipCode: "542523100000",
    history: [["operating", "2019-09-01"]],
    capacity: 160,
    staffTarget: 24,
    serviceRadiusKm: 400,
  },
  {
    code: "542523200000-HH01",
    kind: "happiness_home",
    name: "昆莎乡农村幸福院",
    townshipCode: "542523200000",
    history: [
      ["under_construction", "2023-04-01"],
      ["operating", "2023-11-20"],
    ],
    capacity: 20,
    staffTarget: 2,
    serviceRadiusKm: 10,
  },
  ...(
    [
      ["542521100000", "普兰镇"],
      ["542522100000", "托林镇"],
      ["542525100000", "革吉镇"],
      ["542526100000", "改则镇"],
    ] as const
  ).map(
    ([township, name]): FacilitySpec => ({
      code: `${township}-HH01`,
      kind: "happiness_home",
      name: `${name}农村幸福院`,
      townshipCode: township,
      history: [
        ["planned", "2023-01-10"],
        ["under_construction", "2023-05-01"],
      ],
      capacity: 20,
      staffTarget: null,
      serviceRadiusKm: 10,
    }),
  ),
];

export type OrganizationSpec = {
  key: string;
  name: string;
  kind: OrganizationKind;
  regionCode: string;
  registeredOn: string;
  hasPartyBranch: boolean;
  contactName: string;
  contactPhone: string;
  serial: number;
};

export const organizationSpecs: OrganizationSpec[] = [
  {
    key: "bayi-qihang",
    name: "林芝市巴宜区启航社会工作服务中心",
    kind: "social_service_agency",
    regionCode: "540402000000",
    registeredOn: "2020-08-12",
    hasPartyBranch: true,
    contactName: "示例·格桑",
    contactPhone: "13800000001",
    serial: 101,
  },
  {
    key: "bayi-tongxin",
    name: "林芝市巴宜区同心社会工作服务中心",
    kind: "social_service_agency",
    regionCode: "540402000000",
    registeredOn: "2021-03-05",
    hasPartyBranch: true,
    contactName: "示例·德吉",
    contactPhone: "13800000002",
    serial: 102,
  },
  {
    key: "ngari-xueyu",
    name: "阿里地区雪域社会工作服务中心",
    kind: "social_service_agency",
    regionCode: "542500000000",
    registeredOn: "2019-06-18",
    hasPartyBranch: true,
    contactName: "示例·平措",
    contactPhone: "13800000003",
    serial: 201,
  },
  {
    key: "ngari-kangle",
    name: "阿里地区康乐养老服务中心",
    kind: "social_service_agency",
    regionCode: "542500000000",
    registeredOn: "2020-04-22",
    hasPartyBranch: true,
    contactName: "示例·央金",
    contactPhone: "13800000004",
    serial: 202,
  },
  {
    key: "purang-shenshan",
    name: "普兰县神山社会工作服务中心",
    kind: "social_service_agency",
    regionCode: "542521000000",
    registeredOn: "2021-07-01",
    hasPartyBranch: true,
    contactName: "示例·次仁",
    contactPhone: "13800000005",
    serial: 203,
  },
  {
    key: "gar-community-service",
    name: "噶尔县社区服务中心",
    kind: "social_service_agency",
    regionCode: "542523000000",
    registeredOn: "2022-04-15",
    hasPartyBranch: true,
    contactName: "示例·旺堆",
    contactPhone: "13800000006",
    serial: 204,
  },
  {
    key: "rutog-sunshine",
    name: "日土县阳光社区服务中心",
    kind: "social_service_agency",
    regionCode: "542524000000",
    registeredOn: "2022-09-01",
    hasPartyBranch: true,
    contactName: "示例·拉姆",
    contactPhone: "13800000007",
    serial: 205,
  },
  {
    key: "gerze-qiangtang",
    name: "改则县羌塘社区服务中心",
    kind: "social_service_agency",
    regionCode: "542526000000",
    registeredOn: "2023-05-10",
    hasPartyBranch: false,
    contactName: "示例·多吉",
    contactPhone: "13800000008",
    serial: 206,
  },
  {
    key: "coqen-gesanghua",
    name: "措勤县格桑花社区服务中心",
    kind: "social_service_agency",
    regionCode: "542527000000",
    registeredOn: "2023-02-20",
    hasPartyBranch: true,
    contactName: "示例·曲珍",
    contactPhone: "13800000009",
    serial: 207,
  },
];

export type ProjectSpec = {
  code: string;
  name: string;
  kind: "children" | "elderly";
  regionCode: string;
  startsOn: string;
};

export const projectSpecs: ProjectSpec[] = [
  {
    code: "ALI-ETGA",
    name: "阿里地区留守和困境儿童关爱保护项目",
    kind: "children",
    regionCode: "542500000000",
    startsOn: "2023-01-01",
  },
  {
    code: "GAR-ETGA",
    name: "噶尔县留守和困境儿童关爱保护项目",
    kind: "children",
    regionCode: "542523000000",
    startsOn: "2023-01-01",
  },
  {
    code: "RUT-ETGA",
    name: "日土县留守和困境儿童关爱保护项目",
    kind: "children",
    regionCode: "542524000000",
    startsOn: "2023-01-01",
  },
  {
    code: "COQ-ETGA",
    name: "措勤县留守和困境儿童关爱保护项目",
    kind: "children",
    regionCode: "542527000000",
    startsOn: "2023-01-01",
  },
];

export type FundingSpec = {
  key: string;
  name: string;
  kind: FundingSourceKind;
  donorProvince?: string;
  regionCode: string;
  year: number | "current";
  totalYuan: number;
};

export const fundingSpecs: FundingSpec[] = [
  // 2023, Ngari: the 2.8 M yuan station pool and the 1.1232 M yuan children's care funds.
  {
    key: "ngari-2023-lottery",
    name: "2023年阿里地区福彩公益金（乡镇社工站运营）",
    kind: "welfare_lottery",
    regionCode: "542500000000",
    year: 2023,
    totalYuan: 1_960_000,
  },
  {
    key: "ngari-2023-shaanxi",
    name: "2023年陕西省民政援藏资金（乡镇社工站建设）",
    kind: "paired_aid",
    donorProvince: "陕西省",
    regionCode: "542500000000",
    year: 2023,
    totalYuan: 840_000,
  },
  {
    key: "ngari-2023-children",
    name: "2023年留守和困境儿童关爱保护资金",
    kind: "fiscal",
    regionCode: "542500000000",
    year: 2023,
    totalYuan: 1_123_200,
  },
  {
    key: "ngari-2023-elderly",
    name: "2023年阿里地区养老服务资金",
    kind: "fiscal",
    regionCode: "542500000000",
    year: 2023,
    totalYuan: 1_400_000,
  },
  // The current year.
  {
    key: "ngari-cur-lottery",
    name: "阿里地区福彩公益金（乡镇社工站运营）",
    kind: "welfare_lottery",
    regionCode: "542500000000",
    year: "current",
    totalYuan: 2_400_000,
  },
  {
    key: "ngari-cur-shaanxi",
    name: "陕西省民政援藏资金（乡镇社工站）",
    kind: "paired_aid",
    donorProvince: "陕西省",
    regionCode: "542500000000",
    year: "current",
    totalYuan: 800_000,
  },
  {
    key: "ngari-cur-children",
    name: "留守和困境儿童关爱保护资金",
    kind: "fiscal",
    regionCode: "542500000000",
    year: "current",
    totalYuan: 1_300_000,
  },
  {
    key: "ngari-cur-elderly",
    name: "阿里地区养老服务资金",
    kind: "fiscal",
    regionCode: "542500000000",
    year: "current",
    totalYuan: 1_500_000,
  },
  {
    key: "bayi-cur-stations",
    name: "巴宜区乡镇社工站运营经费",
    kind: "fiscal",
    regionCode: "540402000000",
    year: "current",
    totalYuan: 2_000_000,
  },
  {
    key: "bayi-cur-services",
    name: "巴宜区养老和未成年人关爱服务资金",
    kind: "fiscal",
    regionCode: "540402000000",
    year: "current",
    totalYuan: 800_000,
  },
];

export type ContractSpec = {
  code: string;
  title: string;
  organizationKey: string;
  facilityCode?: string;
  projectCode?: string;
  year: number | "current";
  /** Defaults to the calendar year. "prev-MM-DD" / "cur-MM-DD" for last or this year; "today-N" / "today+N" for days from today. */
  startsOn?: string;
  endsOn?: string;
  amountYuan: number;
  fundingKey: string;
  deliverables: ContractDeliverables;
  /** Share of the contract amount spent by the end (completed years) or by now (current year), before time scaling. */
  spendFactor: number;
  /** Share of the amount allocated so far in the current year (tranches); 1 = all. */
  allocatedShare?: number;
};

const stationDeliverables: ContractDeliverables = {
  activitiesPerMonth: 4,
  personTimesPerYear: 1200,
  // why: routine visits are the station staff's (the visits module); the organization adds two of its own a year.
  homeVisitsPerPersonPerYear: 2,
};
const dayCareDeliverables: ContractDeliverables = { activitiesPerMonth: 4, personTimesPerYear: 1800 };
const childrenDeliverables: ContractDeliverables = {
  activitiesPerMonth: 1,
  personTimesPerYear: 400,
  homeVisitsPerPersonPerYear: 1,
};

type StationContract = [townshipCode: string, short: string, org: string];
const ngariKeyTowns: StationContract[] = [
  ["542521100000", "普兰镇", "purang-shenshan"],
  ["542522100000", "托林镇", "ngari-xueyu"],
  ["542523100000", "狮泉河镇", "gar-community-service"],
  ["542524100000", "日土镇", "rutog-sunshine"],
  ["542525100000", "革吉镇", "ngari-xueyu"],
  ["542526100000", "改则镇", "gerze-qiangtang"],
  ["542527100000", "措勤镇", "coqen-gesanghua"],
];
const ngariNewStations: (StationContract & { operating: boolean })[] = [
  Object.assign(["542521200000", "巴嘎乡", "purang-shenshan"] as StationContract, { operating: true }),
  Object.assign(["542523200000", "昆莎乡", "gar-community-service"] as StationContract, { operating: true }),
  Object.assign(["542527200000", "磁石乡", "coqen-gesanghua"] as StationContract, { operating: true }),
  Object.assign(["542524200000", "热帮乡", "rutog-sunshine"] as StationContract, { operating: false }),
  Object.assign(["542525200000", "雄巴乡", "ngari-xueyu"] as StationContract, { operating: false }),
];
const bayiStations: StationContract[] = [
  ["540402001000", "白玛岗街道", "bayi-qihang"],
  ["540402002000", "觉木街道", "bayi-qihang"],
  ["540402100000", "林芝镇", "bayi-qihang"],
  ["540402101000", "百巴镇", "bayi-qihang"],
  ["540402102000", "八一镇", "bayi-qihang"],
  ["540402103000", "鲁朗镇", "bayi-tongxin"],
  ["540402200000", "更章门巴民族乡", "bayi-tongxin"],
  ["540402202000", "布久乡", "bayi-tongxin"],
  ["540402203000", "米瑞乡", "bayi-tongxin"],
];

const dayCares: [facilityCode: string, name: string, org: string, yuan2023: number][] = [
  ["542523100000-DC01", "噶尔县老年人日间照料中心", "gar-community-service", 300_000],
  ["542521100000-DC01", "普兰县老年人日间照料中心", "ngari-kangle", 200_000],
  ["542524100000-DC01", "日土县老年人日间照料中心", "ngari-kangle", 200_000],
  ["542526100000-DC01", "改则县老年人日间照料中心", "ngari-kangle", 200_000],
  ["542527100000-DC01", "措勤县老年人日间照料中心", "ngari-kangle", 200_000],
];

const children: [projectCode: string, name: string, org: string, yuan2023: number, yuanCurrent: number][] = [
  ["ALI-ETGA", "阿里地区留守和困境儿童关爱保护项目", "ngari-xueyu", 323_200, 350_000],
  ["GAR-ETGA", "噶尔县留守和困境儿童关爱保护项目", "gar-community-service", 280_000, 300_000],
  ["RUT-ETGA", "日土县留守和困境儿童关爱保护项目", "rutog-sunshine", 260_000, 280_000],
  ["COQ-ETGA", "措勤县留守和困境儿童关爱保护项目", "coqen-gesanghua", 260_000, 280_000],
];

export const contractSpecs: ContractSpec[] = [
  // 2023: the Ngari pool of 2.8 M yuan, 7 × 280,000 (welfare lottery) + 5 × 168,000 (Shaanxi paired aid).
  ...ngariKeyTowns.map(
    ([t, short, org], i): ContractSpec => ({
      code: `ALI-2023-SW-${String(i + 1).padStart(2, "0")}`,
      title: `${short}社会工作服务站运营服务（2023年度）`,
      organizationKey: org,
      facilityCode: `${t}-SW01`,
      year: 2023,
      amountYuan: 280_000,
      fundingKey: "ngari-2023-lottery",
      deliverables: stationDeliverables,
      spendFactor: 0.97,
    }),
  ),
  ...ngariNewStations.map(
    ([t, short, org], i): ContractSpec => ({
      code: `ALI-2023-SW-${String(i + 8).padStart(2, "0")}`,
      title: `${short}社会工作服务站建设启动与运营（2023年度）`,
      organizationKey: org,
      facilityCode: `${t}-SW01`,
      year: 2023,
      amountYuan: 168_000,
      fundingKey: "ngari-2023-shaanxi",
      deliverables: { activitiesPerMonth: 1, personTimesPerYear: 200 },
      spendFactor: 0.95,
    }),
  ),
  ...children.map(
    ([p, name, org, y2023]): ContractSpec => ({
      code: `ALI-2023-ET-${p}`,
      title: `${name}（2023年度）`,
      organizationKey: org,
      projectCode: p,
      year: 2023,
      amountYuan: y2023,
      fundingKey: "ngari-2023-children",
      deliverables: childrenDeliverables,
      spendFactor: 0.98,
    }),
  ),
  ...dayCares.map(
    ([f, name, org, yuan]): ContractSpec => ({
      code: `ALI-2023-DC-${countyDigits(f)}`,
      title: `${name}运营服务（2023年度）`,
      organizationKey: org,
      facilityCode: f,
      year: 2023,
      startsOn: "2023-03-01",
      amountYuan: yuan,
      fundingKey: "ngari-2023-elderly",
      deliverables: dayCareDeliverables,
      spendFactor: 0.96,
    }),
  ),
  {
    code: "ALI-2023-EA-01",
    title: "阿里地区老年人活动中心运营服务（2023年度）",
    organizationKey: "ngari-kangle",
    facilityCode: "542523100000-EA01",
    year: 2023,
    startsOn: "2023-02-01",
    amountYuan: 250_000,
    fundingKey: "ngari-2023-elderly",
    deliverables: { activitiesPerMonth: 8, personTimesPerYear: 6000 },
    // Not 0.99: with the monthly noise of ±10% that overshot the amount and flagged a closed year as overspent.
    spendFactor: 0.96,
  },
  // The current year.
  ...ngariKeyTowns.map(
    ([t, short, org], i): ContractSpec => ({
      code: `ALI-CUR-SW-${String(i + 1).padStart(2, "0")}`,
      title: `${short}社会工作服务站运营服务`,
      organizationKey: org,
      facilityCode: `${t}-SW01`,
      year: "current",
      amountYuan: 300_000,
      fundingKey: "ngari-cur-lottery",
      deliverables: stationDeliverables,
      // Purang lags (little spent with its period nearly over); Gerze has spent beyond what was allocated.
      // Both run for a year counted back from today, so the two flags show whatever day the demo is loaded.
      ...(short === "普兰镇" ? { startsOn: "today-330", endsOn: "today+34" } : {}),
      ...(short === "改则镇" ? { startsOn: "today-300", endsOn: "today+64" } : {}),
      spendFactor: short === "普兰镇" ? 0.4 : short === "改则镇" ? 0.95 : 0.85,
      allocatedShare: short === "改则镇" ? 0.6 : 1,
    }),
  ),
  ...ngariNewStations
    .filter((s) => s.operating)
    .map(
      ([t, short, org], i): ContractSpec => ({
        code: `ALI-CUR-SW-${String(i + 8).padStart(2, "0")}`,
        title: `${short}社会工作服务站运营服务`,
        organizationKey: org,
        facilityCode: `${t}-SW01`,
        year: "current",
        amountYuan: 180_000,
        fundingKey: "ngari-cur-shaanxi",
        deliverables: { activitiesPerMonth: 3, personTimesPerYear: 600, homeVisitsPerPersonPerYear: 2 },
        spendFactor: 0.8,
      }),
    ),
  ...children.map(
    ([p, name, org, , yuan]): ContractSpec => ({
      code: `ALI-CUR-ET-${p}`,
      title: name,
      organizationKey: org,
      projectCode: p,
      year: "current",
      amountYuan: yuan,
      fundingKey: "ngari-cur-children",
      deliverables: childrenDeliverables,
      spendFactor: 0.82,
    }),
  ),
  ...dayCares.map(
    ([f, name, org, yuan]): ContractSpec => ({
      code: `ALI-CUR-DC-${countyDigits(f)}`,
      title: `${name}运营服务`,
      organizationKey: org,
      facilityCode: f,
      year: "current",
      amountYuan: yuan,
      fundingKey: "ngari-cur-elderly",
      deliverables: dayCareDeliverables,
      spendFactor: 0.88,
    }),
  ),
  {
    code: "ALI-CUR-EA-01",
    title: "阿里地区老年人活动中心运营服务",
    organizationKey: "ngari-kangle",
    facilityCode: "542523100000-EA01",
    year: "current",
    amountYuan: 260_000,
    fundingKey: "ngari-cur-elderly",
    deliverables: { activitiesPerMonth: 8, personTimesPerYear: 6000 },
    spendFactor: 0.9,
  },
  ...bayiStations.map(
    ([t, short, org], i): ContractSpec => ({
      code: `BYQ-CUR-SW-${String(i + 1).padStart(2, "0")}`,
      title: `${short}社会工作服务站运营服务`,
      organizationKey: org,
      facilityCode: `${t}-SW01`,
      year: "current",
      amountYuan: 200_000,
      fundingKey: "bayi-cur-stations",
      deliverables: stationDeliverables,
      spendFactor: 0.86,
    }),
  ),
  {
    code: "BYQ-CUR-DC-01",
    title: "巴宜区老年人日间照料中心运营服务",
    organizationKey: "bayi-tongxin",
    facilityCode: "540402102000-DC01",
    year: "current",
    amountYuan: 260_000,
    fundingKey: "bayi-cur-services",
    deliverables: dayCareDeliverables,
    spendFactor: 0.9,
  },
  {
    code: "BYQ-CUR-HH-01",
    title: "百巴镇开朗村农村幸福院运营服务",
    organizationKey: "bayi-tongxin",
    facilityCode: "540402101000-HH01",
    year: "current",
    amountYuan: 120_000,
    fundingKey: "bayi-cur-services",
    deliverables: { activitiesPerMonth: 4, personTimesPerYear: 600 },
    spendFactor: 0.84,
  },
  {
    code: "BYQ-CUR-CC-01",
    title: "巴宜区扬帆起航未成年人关爱保护服务中心运营服务",
    organizationKey: "bayi-qihang",
    facilityCode: "540402002000-CC01",
    year: "current",
    // Runs mid-December to mid-December, so it ends within the month when the demo is seeded late in the year.
    startsOn: "prev-12-16",
    endsOn: "cur-12-15",
    amountYuan: 300_000,
    fundingKey: "bayi-cur-services",
    deliverables: { activitiesPerMonth: 6, personTimesPerYear: 900, homeVisitsPerPersonPerYear: 4 },
    spendFactor: 0.88,
  },
];

/** Person-times the 2023 article prints, reproduced by the seeded activities. */
export const ngari2023Targets = {
  dayCarePersonTimes: {
    "542523100000-DC01": 2600,
    "542521100000-DC01": 1800,
    "542524100000-DC01": 1700,
    "542526100000-DC01": 1650,
    "542527100000-DC01": 1776,
  } as Record<string, number>,
  activityCentrePersonTimes: 6318,
  childrenActivities: { "ALI-ETGA": 6, "GAR-ETGA": 5, "RUT-ETGA": 5, "COQ-ETGA": 5 } as Record<
    string,
    number
  >,
};
