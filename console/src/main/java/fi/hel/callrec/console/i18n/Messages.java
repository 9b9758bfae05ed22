package fi.hel.callrec.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's texts. English here; Finnish and Swedish in {@code messages/msg_fi.properties} and
 * {@code msg_sv.properties}. A name of a closed vocabulary (service line, purpose, role) is one message
 * that chooses by code.
 */
@MessageBundle(locale = "en")
public interface Messages {

    @Message("Call recordings")
    String app_name();

    @Message("Skip to content")
    String skip_to_content();

    @Message("Language")
    String language_switch();

    @Message("Sign out")
    String sign_out();

    @Message("Sign in")
    String sign_in();

    @Message("Main")
    String main_navigation();

    @Message("Search calls")
    String nav_search();

    @Message("Holds")
    String nav_holds();

    @Message("Data subjects' requests")
    String nav_requests();

    @Message("Access rights")
    String nav_access_review();

    @Message("Listening audit")
    String nav_audit();

    @Message("Retention")
    String nav_admin();

    @Message("City of Helsinki, Public Works Department: customer service call recordings. Personal data: use only for the purposes of the register description.")
    String footer();

    @Message("Start")
    String home_title();

    @Message("Welcome")
    String home_heading();

    @Message("These are the screens your role lets you use.")
    String home_intro();

    @Message("find a call and listen to it for a stated purpose")
    String home_search();

    @Message("recordings kept for a reported crime or accident")
    String home_holds();

    @Message("requests to see one's own data, reports and rectifications")
    String home_requests();

    @Message("who holds which role, and when they last searched and listened")
    String home_access_review();

    @Message("every request for audio, and the check of the log chain")
    String home_audit();

    @Message("retention status, sweeps and reconciliation")
    String home_admin();

    @Message("Signed out")
    String signed_out_title();

    @Message("You have signed out of the console and of the city's sign-in service.")
    String signed_out_text();

    @Message("Search calls")
    String search_title();

    @Message("You see only the calls you answered.")
    String search_own_calls_only();

    @Message("Filters")
    String search_filters();

    @Message("From")
    String search_from();

    @Message("To")
    String search_to();

    @Message("The day is included.")
    String search_to_help();

    @Message("Before")
    String audit_to();

    @Message("Any spelling: 040 123 4567, +358 40 1234567. \"anonymous\" finds withheld numbers.")
    String search_number_help();

    @Message("With or without the dash, any case.")
    String search_plate_help();

    @Message("The beginnings of words, in any order; accents ignored.")
    String search_words_help();

    @Message("With the flag")
    String search_with_flag();

    @Message("Search")
    String search_button();

    @Message("{#if more}More than {/if}{count} calls found")
    String search_results(Object count, boolean more);

    @Message("No call matches the filters.")
    String search_nothing();

    @Message("Next page")
    String next_page();

    @Message("Any")
    String any();

    @Message("Yes")
    String yes();

    @Message("No")
    String no();

    @Message("Choose")
    String choose();

    @Message("Show")
    String show();

    @Message("Withheld")
    String withheld();

    @Message("Started")
    String started_at();

    @Message("Ended")
    String ended_at();

    @Message("Duration")
    String duration();

    @Message("Caller's number")
    String caller_number();

    @Message("Caller's name")
    String caller_name();

    @Message("Address")
    String caller_address();

    @Message("Other contact details")
    String caller_contact();

    @Message("Vehicle registration")
    String plate();

    @Message("Agent's extension")
    String agent_extension();

    @Message("Service line")
    String service_line();

    @Message("Service notes")
    String service_notes();

    @Message("Recording announced")
    String announcement();

    @Message("Flags")
    String flags();

    @Message("Flagged")
    String flagged();

    @Message("Audio")
    String audio_format();

    @Message("On hold")
    String on_hold();

    @Message("On hold")
    String held();

    @Message("Status")
    String status();

    @Message("{#when code}{#is 'streets-and-green-areas'}Streets and green areas{#is 'feedback'}Feedback{#is 'parking-and-fines'}Parking and parking fines{#is 'parking-permits'}Parking permits{#else}{code}{/when}")
    String service_line_name(String code);

    @Message("{#when code}{#is 'no-announcement'}No announcement{#is 'duration-mismatch'}Duration mismatch{#else}{code}{/when}")
    String flag_name(String code);

    @Message("Back to search")
    String back_to_search();

    @Message("Back to the call")
    String back_to_call();

    @Message("To the start page")
    String back_home();

    @Message("Call")
    String call_title();

    @Message("Call of")
    String call_heading();

    @Message("Details")
    String call_details();

    @Message("Listen")
    String listen_heading();

    @Message("Purpose of listening")
    String purpose();

    @Message("Choose a purpose")
    String purpose_choose();

    @Message("Every listening is recorded in the audit log with the purpose you choose.")
    String purpose_help();

    @Message("{#when code}{#is 'quality'}Quality of service{#is 'complaint'}Verifying what was said (complaint){#is 'training'}Training{#is 'subject-access'}Data subject's access request{#else}{code}{/when}")
    String purpose_name(String code);

    @Message("Listen")
    String listen_button();

    @Message("You are listening for the purpose:")
    String listening_for();

    @Message("Every part you play is recorded under your name.")
    String listening_audited();

    @Message("Recording of the call")
    String player_label();

    @Message("Download the recording")
    String download_audio();

    @Message("Hold")
    String hold_heading();

    @Message("The recording was deleted on")
    String hold_deleted();

    @Message("Not on hold. Due for deletion on")
    String hold_due();

    @Message("Place a hold")
    String hold_place();

    @Message("Release the hold")
    String hold_release();

    @Message("Reason")
    String hold_reason();

    @Message("{#when code}{#is 'crime'}Reported crime{#is 'accident'}Reported accident{#else}{code}{/when}")
    String hold_reason_name(String code);

    @Message("Case reference")
    String case_reference();

    @Message("The police report or accident case number.")
    String case_reference_help();

    @Message("Note")
    String note();

    @Message("Why the hold ends")
    String release_reason();

    @Message("Changes of the hold")
    String hold_history();

    @Message("Placed")
    String hold_placed();

    @Message("Released")
    String hold_released();

    @Message("On hold since")
    String held_since();

    @Message("Due for deletion")
    String due_at();

    @Message("When")
    String when();

    @Message("Who")
    String who();

    @Message("Change")
    String change();

    @Message("Leave empty for every hold.")
    String holds_case_help();

    @Message("No recording is on hold.")
    String holds_none();

    @Message("All holds, oldest first")
    String holds_all();

    @Message("Holds of case {caseReference}")
    String holds_of_case(String caseReference);

    @Message("Only the first {limit} are shown; narrow by case.")
    String holds_limited(int limit);

    @Message("Rectifications")
    String rectifications();

    @Message("No rectification has been filed for this call.")
    String rectifications_none();

    @Message("File a rectification")
    String rectification_file();

    @Message("Field")
    String rectification_field();

    @Message("Rectification")
    String rectification_title();

    @Message("As a supervisor you file corrections on the department's own initiative.")
    String rectification_controller_only();

    @Message("{#when code}{#is 'callerProvided.name'}Caller's name{#is 'callerProvided.address'}Address{#is 'callerProvided.vehicleRegistration'}Vehicle registration{#is 'callerProvided.contact'}Other contact details{#is 'serviceNotes'}Service notes{#is 'serviceLine'}Service line{#is 'startedAt'}Start time (evidence){#is 'endedAt'}End time (evidence){#is 'callerNumber'}Caller's number (evidence){#is 'agentExtension'}Agent's extension (evidence){#is 'audio'}Recording (evidence){#else}{code}{/when}")
    String field_name(String code);

    @Message("Change")
    String change_type();

    @Message("{#when code}{#is 'replace'}Replace{#is 'delete'}Delete{#is 'complete'}Complete{#else}{code}{/when}")
    String change_type_name(String code);

    @Message("On whose initiative")
    String initiative();

    @Message("{#when code}{#is 'subject'}The person's written request{#is 'controller'}The department's own{#else}{code}{/when}")
    String initiative_name(String code);

    @Message("Corrected value or completion")
    String new_value();

    @Message("Leave empty when the value is to be deleted.")
    String new_value_help();

    @Message("Requester")
    String requester_name();

    @Message("Requester's contact")
    String requester_contact();

    @Message("Required when the person asks in writing.")
    String subject_only_help();

    @Message("Itemisation: what is wrong and how")
    String itemisation();

    @Message("How the request came")
    String channel();

    @Message("{#when code}{#is 'letter'}Letter{#is 'e-mail'}E-mail{#is 'in-person'}In person{#is 'signed-letter'}Signed letter{#else}{code}{/when}")
    String channel_name(String code);

    @Message("Filed")
    String filed();

    @Message("Decision")
    String decision();

    @Message("Approve: correct the data")
    String approve();

    @Message("Refuse: a refusal certificate is written")
    String refuse();

    @Message("Reason for refusal")
    String refusal_reason();

    @Message("Required to refuse; printed on the certificate the person receives.")
    String refusal_reason_help();

    @Message("Record the decision")
    String decide();

    @Message("Download the refusal certificate (PDF)")
    String certificate_download();

    @Message("Call deleted")
    String call_deleted();

    @Message("{#when code}{#is 'open'}Open{#is 'pending'}Awaiting decision{#is 'closed'}Closed{#is 'approved'}Approved{#is 'refused'}Refused{#else}{code}{/when}")
    String status_name(String code);

    @Message("Erase the recording")
    String erase_heading();

    @Message("A recording found unnecessary can be destroyed before its time. It cannot be undone.")
    String erase_intro();

    @Message("Erase the recording")
    String erase_button();

    @Message("You are erasing the call of")
    String erase_call();

    @Message("What will be lost")
    String erase_lost();

    @Message("the recording itself, for good: nobody can listen to it again;")
    String erase_lost_audio();

    @Message("the caller's number and what the caller said about themselves: name, address, vehicle registration, contact details;")
    String erase_lost_caller();

    @Message("the service notes and the call's times;")
    String erase_lost_notes();

    @Message("the values of its rectifications; refusal certificates can no longer be downloaded.")
    String erase_lost_rectifications();

    @Message("Kept: an anonymous statistics row (date, service line, duration), the deletion log entry with your reason, and the listening audit.")
    String erase_kept();

    @Message("Why the recording is unnecessary")
    String erase_reason();

    @Message("No caller data: the deletion log outlives the recording.")
    String erase_reason_help();

    @Message("I understand that the recording and the data above are lost for good.")
    String erase_confirm();

    @Message("Confirm that you understand what will be lost.")
    String erase_confirm_required();

    @Message("The recording was erased.")
    String erased();

    @Message("Requests, overdue first")
    String requests_list();

    @Message("No requests.")
    String requests_none();

    @Message("Register a request")
    String request_register();

    @Message("A request made in person or by signed letter, after the person's identity was verified.")
    String request_register_help();

    @Message("Request to see one's data")
    String request_title();

    @Message("Back to the requests")
    String back_to_requests();

    @Message("Person's phone number")
    String subject_number();

    @Message("Person's name")
    String subject_name();

    @Message("Identity verified by")
    String verified_by();

    @Message("How the identity was verified")
    String verified_how();

    @Message("For example the identity document shown.")
    String verified_how_help();

    @Message("Received")
    String received_on();

    @Message("Answer by")
    String due_on();

    @Message("Overdue")
    String overdue();

    @Message("Charge")
    String charge();

    @Message("Free (first in twelve months)")
    String free();

    @Message("Chargeable: an earlier free request within twelve months")
    String chargeable();

    @Message("Registered")
    String registered();

    @Message("Report")
    String report();

    @Message("Producing the report closes the request and is logged.")
    String report_closes();

    @Message("Show the report")
    String report_show();

    @Message("Report as PDF, in Finnish")
    String report_pdf_fi();

    @Message("Report as PDF, in English")
    String report_pdf_en();

    @Message("Produced by")
    String report_produced();

    @Message("The catalog holds no call from this number.")
    String report_no_calls();

    @Message("Recording")
    String recording();

    @Message("People of the realm with a callrec role. Rights are granted in the city's identity service; last search and listening come from the services' own logs.")
    String access_review_intro();

    @Message("Download as CSV")
    String download_csv();

    @Message("Username")
    String username();

    @Message("Name")
    String person_name();

    @Message("Roles")
    String roles();

    @Message("{#when code}{#is 'agent'}Agent{#is 'supervisor'}Supervisor{#is 'manager'}Manager{#is 'auditor'}Auditor{#is 'admin'}Technical admin{#is 'recorder'}Telephony platform{#else}{code}{/when}")
    String role_name(String code);

    @Message("Last search")
    String last_search();

    @Message("Last listening")
    String last_listening();

    @Message("disabled")
    String disabled();

    @Message("Person")
    String audit_user();

    @Message("Username or subject.")
    String audit_user_help();

    @Message("Listening session")
    String session();

    @Message("All requests")
    String session_requests();

    @Message("Verify the log chain")
    String verify_chain();

    @Message("The log chain is intact.")
    String chain_intact();

    @Message("The log chain is broken at entry")
    String chain_broken();

    @Message("Entries checked:")
    String chain_checked();

    @Message("Not yet sealed")
    String unsealed();

    @Message("No entries match.")
    String audit_none();

    @Message("No.")
    String seq();

    @Message("Request")
    String request();

    @Message("Answer")
    String answer();

    @Message("Retention status")
    String retention_status();

    @Message("Retention period")
    String retention_period();

    @Message("Counted")
    String counted_at();

    @Message("Scheduled")
    String state_scheduled();

    @Message("Due now")
    String state_due();

    @Message("Overdue")
    String state_overdue();

    @Message("On hold")
    String state_held();

    @Message("Deleted")
    String state_deleted();

    @Message("Next due")
    String next_due_at();

    @Message("Last sweep of this instance")
    String last_sweep();

    @Message("Run now")
    String run_now();

    @Message("Run a sweep")
    String run_sweep();

    @Message("Run a reconciliation")
    String run_reconcile();

    @Message("Sweep done")
    String sweep_done();

    @Message("Reconciliation done")
    String reconcile_done();

    @Message("{claimed} due, {deleted} deleted, {keptByHold} kept by a hold, {failed} failed.")
    String sweep_result(Object claimed, Object deleted, Object keptByHold, Object failed);

    @Message("{listed} objects listed, {old} old, {orphans} unknown to the schedule, {deleted} deleted, {refused} refused by the store.")
    String reconcile_result(Object listed, Object old, Object orphans, Object deleted, Object refused);

    @Message("Something went wrong")
    String problem_title();

    @Message("{#when status}{#is 400}Please check what you entered{#is 403}Not for your role{#is 404}Not found{#is 409}Not possible now{#is 410}Deleted{#is 503}A service is unavailable{#else}Something went wrong{/when}")
    String problem_heading(int status);

    @Message("{#when status}{#is 403}Your role does not allow this page.{#is 404}There is no such page, or it is not yours to see.{#is 503}A service did not answer. Try again in a moment.{#else}The service refused the request.{/when}")
    String problem_status(int status);

    @Message("{#when code}{#is 'hold-placed'}The hold is placed.{#is 'hold-released'}The hold is released.{#is 'rectification-filed'}The rectification is filed.{#is 'decided'}The decision is recorded.{#is 'training-copy-made'}The training copy is made.{#else}{code}{/when}")
    String done(String code);
}
