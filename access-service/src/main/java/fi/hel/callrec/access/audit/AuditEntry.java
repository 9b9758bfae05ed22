package fi.hel.callrec.access.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A sealed audit entry: in the chain, with its seq and hashes. Inserted by the sealer only, never changed. */
@Entity
public class AuditEntry extends AuditContent {

    @Id
    public long seq;

    /** For an interrupted entry, the access entry it completes. */
    public Long refSeq;

    public String prevHash;

    public String hash;
}
