package fi.hel.callrec.events;

/**
 * What the caller told the agent about themselves, as typed by the agent. Every part is optional
 * because callers may stay anonymous. Personal data: subject to rectification and erasure.
 *
 * @param name                the caller's name
 * @param address             street address the call concerns or the caller's own
 * @param vehicleRegistration registration plate, for parking matters
 * @param contact             phone number or e-mail for a call back
 */
public record CallerProvided(String name, String address, String vehicleRegistration, String contact) {
}
