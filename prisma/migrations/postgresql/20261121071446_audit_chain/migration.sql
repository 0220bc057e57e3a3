-- AlterTable
ALTER TABLE "AuditEntry" ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- CreateTable
CREATE TABLE "AuditAnchor" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "headId" INTEGER NOT NULL,
    "headHash" TEXT NOT NULL,
    "prevSignature" TEXT,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseHistory" (
    "caseId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "archivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "events" INTEGER NOT NULL,
    "history" TEXT NOT NULL,

    CONSTRAINT "CaseHistory_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditAnchor_prevSignature_key" ON "AuditAnchor"("prevSignature");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");

-- CreateIndex
CREATE INDEX "AuditEntry_action_idx" ON "AuditEntry"("action");


-- The audit log is append-only: the database refuses to change or remove a sealed entry or an anchor.
-- An entry without a hash can only be one written before the chain existed; sealing it is its one update.
CREATE FUNCTION laurel_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW."hash" IS NULL THEN RAISE EXCEPTION 'audit entries are appended with their hash'; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'AuditEntry' THEN
    IF OLD."hash" IS NULL THEN RETURN NEW; END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER "AuditEntry_sealed_on_insert" BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION laurel_append_only();
CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION laurel_append_only();
CREATE TRIGGER "AuditEntry_no_truncate" BEFORE TRUNCATE ON "AuditEntry" FOR EACH STATEMENT EXECUTE FUNCTION laurel_append_only();
CREATE TRIGGER "AuditAnchor_append_only" BEFORE UPDATE OR DELETE ON "AuditAnchor" FOR EACH ROW EXECUTE FUNCTION laurel_append_only();
CREATE TRIGGER "AuditAnchor_no_truncate" BEFORE TRUNCATE ON "AuditAnchor" FOR EACH STATEMENT EXECUTE FUNCTION laurel_append_only();
