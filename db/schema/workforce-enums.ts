// The workforce register's enumerated values, free of drizzle so browser code can import them cheaply (as ./enums).

/** What a worker does at the station or centre. */
export const workerRoles = ["head", "social_worker", "carer", "other"] as const;
export type WorkerRole = (typeof workerRoles)[number];

/** The national social-work qualification: 助理社工师, 社工师, 高级社工师. */
export const socialWorkLevels = ["assistant", "intermediate", "senior"] as const;
export type SocialWorkLevel = (typeof socialWorkLevels)[number];

/** Other vocational certificates the articles count for 持证上岗 (养老护理员 first). */
export const certificateKinds = ["elderly_carer", "childcare", "counsellor", "nurse", "other"] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** The national social-work examination was first held in 2008. */
export const FIRST_CERTIFICATE_YEAR = 2008;
