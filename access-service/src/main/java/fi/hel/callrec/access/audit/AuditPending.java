package fi.hel.callrec.access.audit;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** An audit entry written by a request and not yet sealed into the chain (see {@link AuditSealer}). */
@Entity
public class AuditPending extends AuditContent {

    /** Order of sealing. */
    @Id
    public long id;

    /** For an interrupted entry, the entry id of the access entry it completes. */
    public UUID refEntryId;
}
