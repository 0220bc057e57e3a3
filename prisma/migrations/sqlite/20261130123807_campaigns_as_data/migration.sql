-- AlterTable
ALTER TABLE "Case" ADD COLUMN "unitId" TEXT;

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "campaignId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("campaignId", "userId"),
    CONSTRAINT "CommitteeMember_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CommitteeMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Campaign" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "submissionDeadline" DATETIME NOT NULL,
    "reviewDeadline" DATETIME NOT NULL,
    "deadlinesVersion" INTEGER NOT NULL DEFAULT 1,
    "winnerCap" INTEGER NOT NULL DEFAULT 100,
    "publicNoticePeriod" TEXT NOT NULL DEFAULT 'P7D',
    "committeeQuorum" INTEGER NOT NULL DEFAULT 1,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "unitKinds" TEXT NOT NULL DEFAULT '[]',
    "criteria" TEXT NOT NULL DEFAULT '[]',
    "selfNomination" BOOLEAN NOT NULL DEFAULT true,
    "copiedFrom" TEXT,
    "selectionLock" INTEGER NOT NULL DEFAULT 0,
    "roundClosedAt" DATETIME,
    "noticeEndsAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
-- Campaigns created before this migration follow the national notice: its fields and criteria, and unit kinds with the quotas they had.
INSERT INTO "new_Campaign" ("code", "committeeQuorum", "createdAt", "deadlinesVersion", "id", "noticeEndsAt", "publicNoticePeriod", "reviewDeadline", "roundClosedAt", "selectionLock", "submissionDeadline", "title", "updatedAt", "winnerCap", "fields", "unitKinds", "criteria") SELECT "code", "committeeQuorum", "createdAt", "deadlinesVersion", "id", "noticeEndsAt", "publicNoticePeriod", "reviewDeadline", "roundClosedAt", "selectionLock", "submissionDeadline", "title", "updatedAt", "winnerCap", '[{"code":"general-affairs","name":"总务部/综合办","nameEn":"General affairs"},{"code":"catering","name":"伙食管理","nameEn":"Catering"},{"code":"student-housing","name":"学生公寓","nameEn":"Student housing"},{"code":"property","name":"物业管理","nameEn":"Property management"},{"code":"energy","name":"能源管理","nameEn":"Energy management"},{"code":"commerce","name":"商贸管理","nameEn":"Commerce"},{"code":"safety","name":"安全管理","nameEn":"Safety"},{"code":"culture-hr","name":"思想文化与人力资源管理","nameEn":"Culture and human resources"},{"code":"informatization","name":"信息化建设","nameEn":"Informatization"},{"code":"real-estate","name":"房产管理","nameEn":"Real estate"},{"code":"construction","name":"建设与修缮","nameEn":"Construction and repair"},{"code":"reception","name":"接待服务","nameEn":"Reception services"},{"code":"k12","name":"中小学后勤","nameEn":"Primary and secondary school logistics"}]', '[{"code":"association","name":"地方教育后勤社团组织","channel":"organisation","quota":' || "quotaAssociation" || '},{"code":"member-unit","name":"协会理事单位、会员单位","channel":"organisation","quota":' || "quotaMemberUnit" || '},{"code":"branch-office","name":"协会分支机构","channel":"branch","quota":' || "quotaBranch" || '}]', '["具备“敢为人先 追求卓越”的进取精神、“启智润心 服务育人”的躬耕精神和“迎难而上 笃行实干”的工匠精神；服务团队把“党建引领”和“立德树人”落到实处。","被推荐对象主要来自学校后勤管理服务一线的员工和团队。","在推动新时代高质量后勤建设中作出突出贡献，“最美”事迹是正面积极、向善向上、体现社会主义核心价值观的真实事件。","受到过各级各类媒体平台表彰与奖励的具有优先入围资质。"]' FROM "Campaign";
DROP TABLE "Campaign";
ALTER TABLE "new_Campaign" RENAME TO "Campaign";
CREATE UNIQUE INDEX "Campaign_code_key" ON "Campaign"("code");
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT,
    "roles" TEXT NOT NULL,
    "fields" TEXT NOT NULL DEFAULT '[]',
    "campaigns" TEXT NOT NULL DEFAULT '[]',
    "email" TEXT,
    "unitId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Every unit an account named becomes a unit of its own; an account without a kind (a reviewer's employer) is taken as a member unit.
INSERT INTO "Unit" ("id", "name", "kind", "updatedAt") SELECT 'unit-' || lower(hex(randomblob(8))), "unit", coalesce(max("unitKind"), 'member-unit'), CURRENT_TIMESTAMP FROM "User" WHERE "unit" IS NOT NULL GROUP BY "unit";
INSERT INTO "new_User" ("createdAt", "disabled", "email", "fields", "id", "passwordHash", "roles", "username", "displayName", "unitId") SELECT "createdAt", "disabled", "email", "fields", "id", "passwordHash", "roles", "username", "username", (SELECT "id" FROM "Unit" WHERE "Unit"."name" = "User"."unit") FROM "User";
-- Quota slots are held per unit id now, so renaming a unit keeps its count.
UPDATE "QuotaUsage" SET "unitKey" = 'unit:' || (SELECT "id" FROM "Unit" WHERE "Unit"."kind" || ':' || "Unit"."name" = "QuotaUsage"."unitKey") WHERE EXISTS (SELECT 1 FROM "Unit" WHERE "Unit"."kind" || ':' || "Unit"."name" = "QuotaUsage"."unitKey");
UPDATE "Case" SET "quotaKey" = 'unit:' || (SELECT "id" FROM "Unit" WHERE "Unit"."kind" || ':' || "Unit"."name" = "Case"."quotaKey") WHERE EXISTS (SELECT 1 FROM "Unit" WHERE "Unit"."kind" || ':' || "Unit"."name" = "Case"."quotaKey");
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");
CREATE INDEX "User_unitId_idx" ON "User"("unitId");
UPDATE "Case" SET "unitId" = (SELECT "unitId" FROM "User" WHERE "User"."id" = "Case"."submittedByUserId") WHERE "channel" <> 'self';
-- Each campaign's committee: every committee account, as every campaign had before.
INSERT INTO "CommitteeMember" ("campaignId", "userId") SELECT "Campaign"."id", "User"."id" FROM "Campaign", "User" WHERE "User"."roles" LIKE '%"committee"%';
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CommitteeMember_userId_idx" ON "CommitteeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

