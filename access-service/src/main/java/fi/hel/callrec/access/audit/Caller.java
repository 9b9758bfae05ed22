package fi.hel.callrec.access.audit;

import fi.hel.callrec.commons.security.Staff;

/**
 * Who asks for audio, as the audit log records them.
 *
 * @param staff   the staff member, as the verified token says
 * @param address the client's address as the HTTP layer sees it
 */
public record Caller(Staff staff, String address) {
}
