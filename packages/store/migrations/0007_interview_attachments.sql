-- A file attached to an interview record is the record's, not the unit's
-- evidence: every evidence read, the reuse flags, rectification uploads and
-- search ask "is this evidence row an interview attachment?" by evidence id.
-- The primary key (interview_id, evidence_id) cannot answer that; this can.
CREATE INDEX interview_attachments_evidence_idx ON interview_attachments (evidence_id);
