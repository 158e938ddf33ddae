import { strict as assert } from 'assert';
import { EmailReader, scanEmail } from '../../src/core';

// Bad input for the email reader: huge lines, deep nesting, lost boundaries, broken encodings, thousands of
// recipients. Each is read to the end (mocha's timeout catches a hang) and gives findings or nothing, never a throw.

const HEAD = 'From: MAILER-DAEMON@mx.example.com\nTo: alice@example.com\nSubject: Undelivered Mail Returned to Sender\n';

describe('email reader: bad input is passed over', function () {
  this.timeout(60_000);

  it('a 5 MB line of blanks and @ signs', async () => {
    const line = `${' '.repeat(2_500_000)}@${' @'.repeat(1_250_000)}x`;
    const found = await scanEmail(`${HEAD}\n<bob@example.net>: ${line}\n`);
    assert.deepEqual(found.map((f) => f.recipient), ['bob@example.net']);
    assert.ok((found[0].replyText ?? '').length <= 2000);
  });

  it('multiparts nested 2,000 deep', async () => {
    let body = 'Content-Type: text/plain\n\n<bob@example.net>: 550 5.1.1 User unknown\n';
    for (let i = 0; i < 2000; i++) body = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${body}--b${i}--\n`;
    const found = await scanEmail(HEAD + body);
    assert.ok(Array.isArray(found));
  });

  it('a multipart whose declared boundary is nowhere, with 20,000 lines that look like boundaries', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `--not-a-boundary-${i}`);
    const found = await scanEmail(`${HEAD}Content-Type: multipart/report; boundary="lost"\n\n<bob@example.net>: 550 5.1.1 User unknown\n${lines.join('\n')}\n`);
    assert.deepEqual(found.map((f) => [f.recipient, f.explanation.code]), [['bob@example.net', 550]]);
  });

  it('broken base64 and quoted-printable parts', async () => {
    const parts = [
      'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n%%%% not base64 ====\nQUJD\n',
      'Content-Type: text/plain; charset=no-such-charset\nContent-Transfer-Encoding: quoted-printable\n\n550 5.1.1 =ZZ =\n<bob@example.net>=3A =E2=28=A1 user unknown\n',
      'Content-Type: message/delivery-status\nContent-Transfer-Encoding: base64\n\n////\n',
    ];
    const mime = `${HEAD}Content-Type: multipart/report; boundary="x"\n\n${parts.map((p) => `--x\n${p}`).join('')}--x--\n`;
    const found = await scanEmail(mime);
    assert.ok(Array.isArray(found));
  });

  it('a bounce that lists 20,000 recipients: one finding each', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `<u${i}@example.net>: host mx.example.net[192.0.2.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command)`);
    const found = await scanEmail(`${HEAD}\n${lines.join('\n\n')}\n`);
    assert.equal(found.length, 20_000);
    assert.equal(new Set(found.map((f) => f.recipient)).size, 20_000);
    assert.ok(found.every((f) => f.explanation.code === 550));
  });

  it('EmailReader: a message with no line break at all, over the cap, is read line by line', async () => {
    const reader = new EmailReader(1024);
    const found = [...reader.push(`Subject: ${'x'.repeat(10_000)} 550 5.1.1 user unknown`), ...await reader.end()];
    assert.ok(Array.isArray(found));
  });
});
