/** Recognises who wrote a reply from tell-tale words in it (host names, product names, URLs). */
export interface ProviderMarker {
  provider: string;
  /** Lower-case phrases; any one present names the provider. */
  phrases: string[];
  /** A reply this row was written for; a test checks that it names `provider`. */
  example: string;
}

// Markers are the provider's own infrastructure names, help URLs and codes, never a mail domain
// alone: "hotmail.com", "yahoo.com", "gmx.net" or "orange.fr" appear in recipient addresses that any
// server may quote ("<jane@hotmail.com>... Relaying denied" is Sendmail speaking), and "me.com" is a
// substring of "home.com". The first row whose phrase appears wins, so gateways that sit in front of
// other providers (Proofpoint for iCloud) come before them. MTA software (Postfix, Exim, Sendmail,
// qmail) is named by the text rules' `provider`, not here: their wording is copied by many servers.
// Sources: the providers' postmaster pages and the bounce texts quoted in textRules.ts.
export const PROVIDER_MARKERS: readonly ProviderMarker[] = [
  { provider: 'Proofpoint', phrases: ['pphosted.com', 'ppe-hosted.com', 'proofpoint.com', 'proofpoint essentials'],
    example: '554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.12' },
  { provider: 'Mimecast', phrases: ['mimecast'],
    example: '550 Administrative prohibition - envelope blocked - https://community.mimecast.com/docs/DOC-1369#550 [Zx1yWvUtSrQpOnMl98KjIh.uk110]' },
  { provider: 'Barracuda', phrases: ['barracudanetworks.com', 'blocked using barracuda reputation', 'ess.barracuda'],
    example: '554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?r=1&ip=192.0.2.1' },
  { provider: 'Cisco Secure Email', phrases: ['ironport', 'iphmx.com', "sending mta's poor reputation", 'senderbase.org', 'talosintelligence.com'],
    example: "554 Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient via alternate means." },
  { provider: 'Gmail', phrases: ['gsmtp', 'support.google.com/mail', 'support.google.com/a/', 'support.google.com/a?', 'mail.google.com/support', 'aspmx.l.google.com', 'gmail-smtp-in.l.google.com', 'smtp.gmail.com', ' - gcdp '],
    example: '550-5.1.1 The email account that you tried to reach does not exist. https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp' },
  { provider: 'Microsoft 365', phrases: ['protection.outlook.com', 'prod.outlook.com', 'outlook.office365.com', 'mail.protection.outlook', 'postmaster.live.com', 'mail.live.com/mail/troubleshooting', 'sender.office.com', 'go.microsoft.com/fwlink', 'olc.protection.outlook', 'hotmail.com/postmaster', 'storedrv.submission'],
    example: '451 4.7.650 The mail server [192.0.2.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [SN1PEPF000252A3.namprd05.prod.outlook.com 2024-05-02T10:11:12.345Z 08DC6A1B2C3D4E5F]' },
  { provider: 'Microsoft Exchange', phrases: ['resolver.adr.', 'resolver.rst.', 'storedrv.deliver', 'smtpsend.dns.', 'queue.expired'],
    example: '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found' },
  { provider: 'Yahoo / AOL', phrases: ['yahoodns.net', 'postmaster.yahooinc.com', 'senders.yahooinc.com', 'postmaster.yahoo.com', 'help.yahoo.com', 'mx.aol.com', '[tss0', '[ts0', '.mail.ne1.yahoo.com', '.mail.bf1.yahoo.com', '.mail.gq1.yahoo.com', '.mail.ir2.yahoo.com'],
    example: '421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes' },
  { provider: 'Apple iCloud', phrases: ['support.apple.com', 'mail.icloud.com', 'icloud.com esmtp', '[cs01]', '[cs02]', '[hm08]', '[hme1]'],
    example: '550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137' },
  { provider: 'Proton Mail', phrases: ['protonmail.ch', 'proton.me/support', 'protonmail.com/support'],
    example: 'host mailsec.protonmail.ch[185.70.42.128] said: 550 5.1.1 <jane@proton.me>: Recipient address rejected: User unknown (in reply to RCPT TO command)' }, // composed
  { provider: 'GMX / WEB.DE', phrases: ['(mxgmx', '(mxweb', 'postmaster.gmx', 'postmaster.web.de', 'nemesis esmtp'],
    example: '554-gmx.net (mxgmx104) Nemesis ESMTP Service not available\n554-No SMTP service\n554-IP address is block listed.\n554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=198.51.100.42&r=1MNcgj-1ue23t3pyV-00S2YR' },
  { provider: 'Orange', phrases: ['mwinf', 'smtp-in.orange.fr', 'postmaster.orange.fr', 'smtp.orange.fr', 'ofr_', 'ofr004_', 'ofr005_', 'ofr006_'],
    example: '421 mwinf5c79 ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 [104]' },
  { provider: 'Mail.ru', phrases: ['help.mail.ru', 'postmaster.mail.ru', 'mxs.mail.ru', 'corp.mail.ru'],
    example: '550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id?c=abcdefgh or report details to abuse@corp.mail.ru. Error code: 0123456789ABCDEF. ID: 0000000A1B2C3D4E.' },
  { provider: 'Yandex', phrases: ['mx.yandex', 'mail.yandex.net', 'yandex.ru/support', 'yandex.com/support', 'ya.cc/'],
    example: '554 5.7.1 Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1712345678-AbCdEfGh1234' },
  { provider: 'Tencent QQ', phrases: ['service.mail.qq.com', 'mx1.qq.com', 'mx2.qq.com', 'mx3.qq.com'],
    example: '550 Mailbox not found or access denied. http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000728' },
  { provider: 'Comcast', phrases: ['sys.comcast.net', 'postmaster.comcast.net', 'help.comcast.net', 'comcast block for spam'],
    example: '554 resimta-ch2-18v.sys.comcast.net resimta-ch2-18v.sys.comcast.net 192.0.2.44 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000001' },
  { provider: 'AT&T', phrases: ['abuse-att.net', 'att.net/blocks', 'rbl.att.net', 'dnsbl:attrbl', 'dc=bellsouth'],
    example: '553 5.3.0 flph829 DNSBL:RBL 521< 192.0.2.27 >_is_blocked.For assistance forward this error to abuse_rbl@abuse-att.net' },
  { provider: 'T-Online', phrases: ['rx.t-online.de', 'mx00.t-online.de', 'mx01.t-online.de', 'mx02.t-online.de', 'mx03.t-online.de'],
    example: '554 IP=192.0.2.30 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (UP)' },
  { provider: 'Gandi', phrases: ['postmaster.gandi.net'],
    example: '550 5.7.1 Reject for policy reason RULE3_2. See http://postmaster.gandi.net' },
  { provider: 'Amazon SES', phrases: ['amazonses.com', 'in region us-', 'in region eu-', 'in region ap-'],
    example: '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: jane@example.com' },
  { provider: 'SendGrid', phrases: ['sendgrid.net', 'sendgrid.com'],
    example: 'host smtp.sendgrid.net[192.0.2.11] said: 550 Unauthenticated senders not allowed (in reply to MAIL FROM command)' },
];
