package sim

// FactStatus says how firmly a fact the app states is established. The
// Sources screen groups facts by it, so a reader can tell the law apart
// from a press report and both apart from a choice the simulator made.
type FactStatus int

// The statuses. The zero value is deliberately not a status: a fact whose
// status was forgotten must not pass for a confirmed one.
const (
	// Confirmed facts rest on a primary source: a statute, a court
	// decision, Apple's own published documents, or a published study.
	Confirmed FactStatus = iota + 1
	// Reported facts rest on press reports of the leaked police document,
	// on what Apple told journalists, or on the behaviour of open-source
	// clients; FACTS.md's "uncertain" points are reported too.
	Reported
	// Assumption marks a choice bluegreen makes where no source settles it,
	// and everything the simulator invents (place names, tokens).
	Assumption
)

// String is the status as the Sources screen labels it.
func (s FactStatus) String() string {
	switch s {
	case Confirmed:
		return "confirmed"
	case Reported:
		return "reported, unconfirmed"
	case Assumption:
		return "simulator assumption"
	}
	return "unknown"
}

// Fact is one claim the app makes, with where it comes from. Claims are
// in the project's own words; Source names the source as FACTS.md does.
type Fact struct {
	ID      string     // stable, kebab-case: lets a screen link to a fact
	Claim   string     // what the app says, in one or two plain sentences
	Source  string     // a Src* tag or a fuller citation; "assumption · why" for assumptions
	Status  FactStatus // how firmly it is established
	Section string     // the FACTS.md section it rests on ("§1"…"§7"), or "simulator"
}

// Sources cited by facts that no Src* tag in sources.go covers. They are
// constants, not variables, so the registry has no mutable state.
const (
	srcBiddle     = "FACTS §1 · The Intercept, 2016-09-28 (Sam Biddle, “Apple Logs Your iMessage Contacts — and May Share Them With Police”)"
	srcFDLE       = "FACTS §1 · FDLE “iMessage FAQ for Law Enforcement”, via The Intercept, 2016-09-28"
	srcLPGTerms   = "FACTS §2 · Apple Legal Process Guidelines (“lookup handle”, “iMessage capable”)"
	srcDisclaimer = "FACTS §2 · iLounge 2016 (the table's disclaimer); The Intercept, 2016-09-28"
	srcStatutes   = "FACTS §3 · 18 U.S.C. §§3121–3127"
	srcDefinition = "FACTS §3 · 18 U.S.C. §3127"
	srcExtensions = "FACTS §3 · The Intercept, 2016-09-28; 18 U.S.C. §3123(c)"
	srcFlorida    = "FACTS §3 · Fla. Stat. §§934.31–934.34"
	srcSmith      = "FACTS §3 · Smith v. Maryland (1979)"
	srcFiction    = "FACTS §6 · ranges reserved for fiction and examples"
	srcDocIPs     = "FACTS §6 · IP ranges reserved for documentation"
	srcHagen      = "FACTS §7 · Hagen et al., NDSS 2021; Signal"
	srcSignal     = "FACTS §7 · Signal private contact discovery (2017, 2022)"
	srcPIRPSI     = "FACTS §7 · PIR-PSI (2018)"
	srcLiveCaller = "FACTS §7 · Apple, Live Caller ID Lookup (iOS 18)"
	srcMetadata   = "FACTS §7 · what private discovery still reveals"
)

// Facts lists every fact bluegreen states — on screen, in lessons and in
// the README — with its source and status. It builds a fresh slice on
// each call so no caller can change what another sees.
func Facts() []Fact {
	var out []Fact
	out = append(out, storyFacts()...)
	out = append(out, logFacts()...)
	out = append(out, lawFacts()...)
	out = append(out, wireFacts()...)
	out = append(out, colourFacts()...)
	out = append(out, fakeDataFacts()...)
	out = append(out, designFacts()...)
	return out
}

// FactByID finds one fact, so a screen can cite it by its stable ID.
func FactByID(id string) (Fact, bool) {
	for _, f := range Facts() {
		if f.ID == id {
			return f, true
		}
	}
	return Fact{}, false
}

// storyFacts are FACTS.md §1: the leak and what it says about the lookup.
func storyFacts() []Fact {
	return []Fact{
		{"story-leak", "A leaked Florida Department of Law Enforcement document, the “iMessage FAQ for Law Enforcement”, set out what Apple gives police for an iMessage account under a pen-register / trap-and-trace order.", srcBiddle, Reported, "§1"},
		{"lookup-on-entry", "When a number is entered for a new conversation, Messages asks Apple's servers whether it is on iMessage, to choose a blue or a green bubble.", SrcIntercept, Reported, "§1"},
		{"lookup-logged", "Apple logs each of those lookups. Apple called the leaked document's account of the logging “generally accurate”.", SrcIntercept, Reported, "§1"},
		{"log-reveals-location", "The log keeps the time, the number entered and the asking device's IP address, which can reveal where the person was — although Apple said in 2013 that it did not store customers' location data.", SrcIntercept, Reported, "§1"},
		{"logged-without-sending", "A number can be logged even if no message is ever sent to it: typed, then abandoned.", SrcIntercept, Reported, "§1"},
		{"other-apps", "Other apps, such as Contacts, may also make lookups.", srcFDLE, Reported, "§1"},
		{"trigger-timing", "Exactly when lookups fire, and how often, is not known: the document only implies it is when a new conversation is opened and a recipient chosen.", SrcIntercept, Reported, "§1"},
		{"not-every-message", "FDLE did not believe every iMessage sent triggers a lookup, because the phone caches answers.", srcFDLE, Reported, "§1"},
		{"not-real-time", "The log is not handed to police in real time.", srcFDLE, Reported, "§1"},
		{"no-contents", "The log holds no message contents.", srcDisclaimer, Reported, "§1"},
		{"no-proof-of-contact", "The log does not prove that any communication took place; the police table carries a disclaimer saying so.", srcDisclaimer, Reported, "§1"},
		{"sim-trigger-policy", "bluegreen looks a number up the moment typed text becomes a complete handle (as-you-type); on-commit and on-send are settings because the real timing is unknown.", "assumption · FACTS §1 marks trigger timing uncertain", Assumption, "§1"},
		{"sim-contacts-card", "Opening a contact card in bluegreen looks up every handle on it.", "assumption · FACTS §1 says only “possibly” other apps such as Contacts", Assumption, "§1"},
	}
}

// logFacts are FACTS.md §2: the five columns police receive.
func logFacts() []Fact {
	return []Fact{
		{"col-date-time", "Date/Time: when the lookup reached Apple.", SrcPoliceTable, Reported, "§2"},
		{"col-source-handle", "Source handle: the account that made the lookup — the target of a pen register.", SrcPoliceTable, Reported, "§2"},
		{"col-lookup-handle", "Lookup handle: the phone number, email address or Apple ID looked up.", srcLPGTerms, Reported, "§2"},
		{"col-client-ip", "Client IP: the IP address the lookup came from (in reality, the device's push-service connection).", SrcPoliceTable, Reported, "§2"},
		{"col-lookup-devices", "Lookup devices: how many iMessage-capable devices were found for the lookup handle; 0 means not on iMessage.", SrcPoliceTable, Reported, "§2"},
		{"col-format", "The exact header spelling, date format and time zone of Apple's real table are not known.", SrcPoliceTable, Reported, "§2"},
		{"sim-utc", "bluegreen prints the log's times in UTC, to the second.", "assumption · FACTS §2 marks the date format and time zone uncertain", Assumption, "§2"},
	}
}

// lawFacts are FACTS.md §3: retention, the statute and the cases.
func lawFacts() []Fact {
	return []Fact{
		{"retention-2016", "Apple keeps the lookup logs for 30 days (what Apple told The Intercept in 2016).", SrcRetention, Reported, "§3"},
		{"retention-today", "Apple's current Legal Process Guidelines (Oct 2025, as quoted by secondary sources) keep “iMessage capability query logs” for up to 25 days.", SrcRetention, Reported, "§3"},
		{"sim-purge", "bluegreen deletes a row the moment it is older than the retention period; how and when Apple really deletes is not known.", "assumption · FACTS §3 gives only the retention period", Assumption, "§3"},
		{"prtt-statute", "Federal pen registers and trap-and-trace devices are governed by 18 U.S.C. §§3121–3127.", srcStatutes, Confirmed, "§3"},
		{"prtt-certify", "§3123(a): the court shall issue the order when a government attorney certifies that the information is likely relevant to an ongoing criminal investigation; the judge does not weigh evidence.", SrcStatute, Confirmed, "§3"},
		{"prtt-60-days", "§3123(c): an order lasts up to 60 days, and each extension up to 60 days more.", SrcStatute, Confirmed, "§3"},
		{"prtt-sealed", "§3123(d): the order is sealed, and the provider must not tell the subscriber.", SrcStatute, Confirmed, "§3"},
		{"prtt-no-contents", "§3127: pen registers and trap-and-trace devices collect dialing, routing, addressing or signaling information — never contents.", srcDefinition, Confirmed, "§3"},
		{"pr-vs-tt", "A pen register records what the target's device sends out (here: the handles the target looks up); a trap and trace records what reaches the target (here: who looks the target up).", srcDefinition, Confirmed, "§3"},
		{"extensions-snapshots", "The Intercept wrote that such orders are typically extended 30 days at a time, so 30-day log snapshots can be strung together; the statute allows extensions of up to 60 days.", srcExtensions, Reported, "§3"},
		{"florida-prtt", "Florida's equivalents are Fla. Stat. §§934.31–934.34; results are furnished at reasonable intervals while the order lasts.", srcFlorida, Confirmed, "§3"},
		{"smith-v-maryland", "Smith v. Maryland (1979): collecting pen-register data is not a Fourth Amendment search.", srcSmith, Confirmed, "§3"},
	}
}

// wireFacts are FACTS.md §4: the query, the answer, the cache.
func wireFacts() []Fact {
	return []Fact{
		{"ids-lookup", "On entering a number or email, the device asks Apple Identity Service (IDS) for the public keys and push (APNs) addresses of all the addressee's devices.", SrcIDS, Confirmed, "§4"},
		{"ids-metadata", "Metadata such as timestamps and routing information is not encrypted end to end.", SrcIDS, Confirmed, "§4"},
		{"wire-request", "The lookup uses bag key id-query at query.ess.apple.com, carried inside the phone's push connection (APNs command 96, topic com.apple.madrid) rather than as a plain HTTPS call.", SrcWire, Reported, "§4"},
		{"wire-body", "The body is a gzipped property list of the handles asked about (“uris”); clients split batches above 20.", SrcWire, Reported, "§4"},
		{"wire-self-uri", "The x-id-self-uri header carries the sender's own handle — the log's source handle.", SrcWire, Reported, "§4"},
		{"wire-headers", "Other headers carry the protocol version, push token, identity certificate, a nonce (0x01, a millisecond timestamp, 8 random bytes) and a signature over nonce, bag key, body and push token.", SrcWire, Reported, "§4"},
		{"wire-response", "Apple answers with one identity per registered device (push token, session token, public keys); empty identities mean not on iMessage.", SrcWire, Reported, "§4"},
		{"wire-errors", "Error statuses include 7000 (rate limited), 6005 (refresh credentials) and 5206 (response too large).", SrcWire, Reported, "§4"},
		{"wire-unregistered-status", "The per-handle status code Apple returns for an unregistered handle is not known.", SrcWire, Reported, "§4"},
		{"sim-unregistered-status", "bluegreen answers status 0 with empty identities for an unregistered handle.", "assumption · FACTS §4 marks the per-handle status uncertain", Assumption, "§4"},
		{"sim-fake-tokens", "Every token, key, certificate, nonce and signature bluegreen shows is fake, derived from the scenario's seed.", "assumption · simulated values (FACTS §4 describes only their shape)", Assumption, "§4"},
		{"handles-e164", "Phone numbers travel as E.164 (tel:+ country code and number, at most 15 digits, no dashes); emails as lower-case mailto: handles; typed numbers are read with the phone's country as default region.", SrcWire, Reported, "§4"},
		{"cache-repeat", "The phone caches answers: a repeat lookup within the refresh interval sends nothing to Apple, so it leaves no new row.", SrcCache, Reported, "§4"},
		{"cache-lifetimes", "Open clients refresh a positive answer after about a day, a negative one after about an hour, and discard after about 7 days; Apple's own values come per identity from the server.", SrcCache, Reported, "§4"},
		{"sim-cache-lifetimes", "bluegreen's scenarios use 24 hours, 1 hour and 7 days for every answer, and use a stale cached answer when there is no data connection.", "assumption · FACTS §4: Apple sends its own values per identity", Assumption, "§4"},
		{"rate-limit", "Apple rate-limits lookups per account.", SrcWire, Reported, "§4"},
		{"sim-rate-limit-figure", "The scenarios' limit of 100 lookups an hour is made up.", "assumption · no source gives Apple's figure", Assumption, "§4"},
		{"sim-rate-limited-not-logged", "A lookup refused as rate limited is not logged.", "assumption · no source says whether refused lookups are kept", Assumption, "§4"},
		{"sim-rate-limited-green", "When Apple refuses a lookup as rate limited, the phone treats the handle as not on iMessage: a false green.", "assumption · FACTS §4 lists status 7000, not how the phone reacts", Assumption, "§4"},
	}
}

// colourFacts are FACTS.md §5: how Messages picks a colour.
func colourFacts() []Fact {
	return []Fact{
		{"blue-green", "Blue means iMessage, end-to-end encrypted; green means SMS or MMS, not encrypted.", SrcColours, Confirmed, "§5"},
		{"imessage-off-green", "With the sender's iMessage switched off, messages go green.", SrcColours, Confirmed, "§5"},
		{"unregistered-green", "A recipient with no registered devices gets green: an SMS text, or MMS for media and groups.", SrcColours, Confirmed, "§5"},
		{"group-green", "A group with any member not on iMessage is an MMS group: the whole conversation is green.", SrcColours, Confirmed, "§5"},
		{"send-as-sms", "When iMessage cannot be delivered (no data, or delivery fails) and Send as SMS is on, the message is re-sent as a text: green, “Sent as Text Message”.", SrcFallback, Confirmed, "§5"},
		{"not-delivered", "With Send as SMS off it shows “Not Delivered” with a red !, offering Try Again and Send as Text Message.", SrcFallback, Confirmed, "§5"},
		{"email-red", "In the To: field an email on iMessage shows blue, an email not on iMessage shows red (“iMessage can't be used”), and a phone number not on iMessage shows green.", SrcEmailRed, Reported, "§5"},
		{"stale-registration", "Someone who moved their number to Android stays registered until they deregister (or it times out): senders see blue and the messages never arrive.", SrcStale, Confirmed, "§5"},
		{"rcs-ios18", "Since iOS 18 (Sept 2024), RCS is used where both carriers support it: still green, labelled RCS, not end-to-end encrypted.", SrcRCS, Confirmed, "§5"},
		{"rcs-order", "The order iMessage, then RCS, then SMS is commonly described but not documented by Apple.", SrcRCS, Reported, "§5"},
		{"sim-rcs-order", "bluegreen follows that order, and sends RCS only with a data connection.", "assumption · FACTS §5 marks the RCS order uncertain", Assumption, "§5"},
		{"sim-no-lookup-imessage-off", "With iMessage switched off, the phone asks Apple nothing: no lookups, no log rows.", "assumption · lookups need iMessage to be on (not documented)", Assumption, "§5"},
		{"sim-no-lookup-offline", "Without a data connection the phone asks Apple nothing and relies on cached answers.", "assumption · a lookup needs a connection (not documented)", Assumption, "§5"},
		{"sim-email-offline", "Offline, a conversation that includes an email address can only be retried: an email address cannot receive a text.", "assumption · follows from FACTS §5 (email only on iMessage)", Assumption, "§5"},
	}
}

// fakeDataFacts are FACTS.md §6: why every number and address is safe.
func fakeDataFacts() []Fact {
	return []Fact{
		{"fiction-numbers", "Phone numbers 555-0100 to 555-0199 (North America) and +44 7700 900000 to 900999 (UK) are reserved for fiction; bluegreen uses only these.", srcFiction, Confirmed, "§6"},
		{"fiction-emails", "Email addresses use example.com and example.org, which are reserved for examples.", srcFiction, Confirmed, "§6"},
		{"doc-ips", "IP addresses come only from the documentation ranges 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.", srcDocIPs, Confirmed, "§6"},
		{"sim-place-names", "Any place name attached to an IP address is part of the simulation.", "assumption · simulated (FACTS §6)", Assumption, "§6"},
		{"sim-others", "Other people's lookups of you — Ana most mornings, a stranger once — are scheduled by the scenario and invented.", "assumption · simulated (FACTS §6)", Assumption, "simulator"},
		{"sim-everything-simulated", "Every person, registration, scenario and log row in bluegreen is simulated; Apple is never contacted.", "assumption · simulated (FACTS §6)", Assumption, "simulator"},
	}
}

// designFacts are FACTS.md §7: designs that leak less, for comparison.
func designFacts() []Fact {
	return []Fact{
		{"hashes-reversible", "Hashing numbers does not hide them: there are at most 10^10 numbers in North America, and a table of all ~118 billion mobile numbers worldwide has been built; Signal called its own pre-2017 truncated-hash scheme reversible.", srcHagen, Confirmed, "§7"},
		{"signal-discovery", "Signal matches contacts inside an attested SGX enclave (2017), with an oblivious (ORAM) design since 2022, and rate-limits queries.", srcSignal, Confirmed, "§7"},
		{"pir-psi", "Private set intersection can match 1,024 contacts against 67 million in about 1.4 seconds.", srcPIRPSI, Confirmed, "§7"},
		{"live-caller-id", "Apple uses private information retrieval for Live Caller ID Lookup (iOS 18), so its server does not learn the number asked about.", srcLiveCaller, Confirmed, "§7"},
		{"private-still-leaks", "Even private discovery still tells the server that someone at this IP asked something at this time.", srcMetadata, Confirmed, "§7"},
	}
}
