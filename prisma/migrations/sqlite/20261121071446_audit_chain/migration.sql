-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN "hash" TEXT;
ALTER TABLE "AuditEntry" ADD COLUMN "prevHash" TEXT;

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headId" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "prevSignature" TEXT,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CaseHistory" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "archivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "events" INTEGER NOT NULL,
    "history" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditAnchor_prevSignature_key" ON "AuditAnchor"("prevSignature");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");


-- The audit log is append-only: the database refuses to change or remove a sealed entry or an anchor.
-- An entry without a hash can only be one written before the chain existed; sealing it is its one update.
CREATE TRIGGER "AuditEntry_sealed_on_insert" BEFORE INSERT ON "AuditEntry" WHEN NEW."hash" IS NULL
BEGIN SELECT RAISE(ABORT, 'audit entries are appended with their hash'); END;
CREATE TRIGGER "AuditEntry_no_update" BEFORE UPDATE ON "AuditEntry" WHEN OLD."hash" IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER "AuditEntry_no_delete" BEFORE DELETE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER "AuditAnchor_no_update" BEFORE UPDATE ON "AuditAnchor"
BEGIN SELECT RAISE(ABORT, 'audit anchors are append-only'); END;
CREATE TRIGGER "AuditAnchor_no_delete" BEFORE DELETE ON "AuditAnchor"
BEGIN SELECT RAISE(ABORT, 'audit anchors are append-only'); END;
