-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "copiedFrom" TEXT,
ADD COLUMN     "criteria" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "fields" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "selfNomination" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "unitKinds" TEXT NOT NULL DEFAULT '[]';

-- Campaigns created before this migration follow the national notice: its fields and criteria, and unit kinds with the quotas they had.
UPDATE "Campaign" SET "fields" = '[{"code":"general-affairs","name":"总务部/综合办","nameEn":"General affairs"},{"code":"catering","name":"伙食管理","nameEn":"Catering"},{"code":"student-housing","name":"学生公寓","nameEn":"Student housing"},{"code":"property","name":"物业管理","nameEn":"Property management"},{"code":"energy","name":"能源管理","nameEn":"Energy management"},{"code":"commerce","name":"商贸管理","nameEn":"Commerce"},{"code":"safety","name":"安全管理","nameEn":"Safety"},{"code":"culture-hr","name":"思想文化与人力资源管理","nameEn":"Culture and human resources"},{"code":"informatization","name":"信息化建设","nameEn":"Informatization"},{"code":"real-estate","name":"房产管理","nameEn":"Real estate"},{"code":"construction","name":"建设与修缮","nameEn":"Construction and repair"},{"code":"reception","name":"接待服务","nameEn":"Reception services"},{"code":"k12","name":"中小学后勤","nameEn":"Primary and secondary school logistics"}]', "criteria" = '["具备“敢为人先 追求卓越”的进取精神、“启智润心 服务育人”的躬耕精神和“迎难而上 笃行实干”的工匠精神；服务团队把“党建引领”和“立德树人”落到实处。","被推荐对象主要来自学校后勤管理服务一线的员工和团队。","在推动新时代高质量后勤建设中作出突出贡献，“最美”事迹是正面积极、向善向上、体现社会主义核心价值观的真实事件。","受到过各级各类媒体平台表彰与奖励的具有优先入围资质。"]', "unitKinds" = '[{"code":"association","name":"地方教育后勤社团组织","channel":"organisation","quota":' || "quotaAssociation" || '},{"code":"member-unit","name":"协会理事单位、会员单位","channel":"organisation","quota":' || "quotaMemberUnit" || '},{"code":"branch-office","name":"协会分支机构","channel":"branch","quota":' || "quotaBranch" || '}]';

ALTER TABLE "Campaign" DROP COLUMN "quotaAssociation",
DROP COLUMN "quotaBranch",
DROP COLUMN "quotaMemberUnit";

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "campaigns" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "displayName" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "unitId" TEXT,
ALTER COLUMN "passwordHash" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "unitId" TEXT;

-- CreateTable
CREATE TABLE "CommitteeMember" (
    "campaignId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommitteeMember_pkey" PRIMARY KEY ("campaignId","userId")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);

-- Every unit an account named becomes a unit of its own; an account without a kind (a reviewer's employer) is taken as a member unit.
INSERT INTO "Unit" ("id", "name", "kind", "updatedAt") SELECT 'unit-' || substr(md5(random()::text || "unit"), 1, 16), "unit", coalesce(max("unitKind"), 'member-unit'), CURRENT_TIMESTAMP FROM "User" WHERE "unit" IS NOT NULL GROUP BY "unit";
UPDATE "User" SET "displayName" = "username", "unitId" = (SELECT "id" FROM "Unit" WHERE "Unit"."name" = "User"."unit");
-- Quota slots are held per unit id now, so renaming a unit keeps its count.
UPDATE "QuotaUsage" SET "unitKey" = 'unit:' || u."id" FROM "Unit" u WHERE u."kind" || ':' || u."name" = "QuotaUsage"."unitKey";
UPDATE "Case" SET "quotaKey" = 'unit:' || u."id" FROM "Unit" u WHERE u."kind" || ':' || u."name" = "Case"."quotaKey";
UPDATE "Case" SET "unitId" = (SELECT "unitId" FROM "User" WHERE "User"."id" = "Case"."submittedByUserId") WHERE "channel" <> 'self';
-- Each campaign's committee: every committee account, as every campaign had before.
INSERT INTO "CommitteeMember" ("campaignId", "userId") SELECT "Campaign"."id", "User"."id" FROM "Campaign", "User" WHERE "User"."roles" LIKE '%"committee"%';

ALTER TABLE "User" DROP COLUMN "unit",
DROP COLUMN "unitKind";

-- CreateIndex
CREATE INDEX "CommitteeMember_userId_idx" ON "CommitteeMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommitteeMember" ADD CONSTRAINT "CommitteeMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

