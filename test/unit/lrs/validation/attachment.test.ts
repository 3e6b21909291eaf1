import { describe, it } from 'node:test';
import { accepts, rejects, withChange } from './statement-fixtures.js';

const attachment = () => ({
  usageType: 'http://adlnet.gov/expapi/attachments/signature',
  display: { 'en-US': 'Signature' },
  description: { 'en-US': 'Signed by the tool' },
  contentType: 'text/plain; charset=ascii',
  length: 27,
  sha2: '495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a',
  fileUrl: 'http://over.there.example/file.txt',
});
const withAttachment = (change: (a: Record<string, any>) => void) =>
  withChange((s) => { const a = attachment(); change(a); s.attachments = [a]; });

describe('Attachments (Data 2.4.11)', () => {
  it('accepts a full attachment, and one without the optional description and fileUrl', () => {
    accepts(withAttachment(() => {}));
    accepts(withAttachment((a) => { delete a.description; delete a.fileUrl; a.sha2 = 'ab'.repeat(64); }));
  });

  it('requires usageType, display, contentType, length and sha2', () => {
    for (const key of ['usageType', 'display', 'contentType', 'length', 'sha2']) {
      rejects(withAttachment((a) => { delete a[key]; }), `statement.attachments[0].${key}`);
    }
  });

  it('checks each property\'s format', () => {
    rejects(withAttachment((a) => { a.usageType = 'example.com/attachment-usage/test'; }), 'statement.attachments[0].usageType');
    rejects(withAttachment((a) => { a.fileUrl = 'over.there.example/file.txt'; }), 'statement.attachments[0].fileUrl');
    rejects(withAttachment((a) => { a.display = { something: 'x' }; }), 'statement.attachments[0].display');
    rejects(withAttachment((a) => { a.description = { 'en-US': 'x', something: 'y' }; }), 'statement.attachments[0].description');
    rejects(withAttachment((a) => { a.contentType = 'plain text'; }), 'statement.attachments[0].contentType');
    rejects(withAttachment((a) => { a.length = 2.5; }), 'statement.attachments[0].length');
    rejects(withAttachment((a) => { a.length = '27'; }), 'statement.attachments[0].length');
    rejects(withAttachment((a) => { a.sha2 = 'not-a-hash'; }), 'statement.attachments[0].sha2');
    rejects(withAttachment((a) => { a.extra = true; }), 'statement.attachments[0].extra');
  });

  it('usageType and fileUrl are IRIs of at most 1024 bytes', () => {
    const long = `https://example.com/${'a'.repeat(1005)}`;
    rejects(withAttachment((a) => { a.usageType = long; }), 'statement.attachments[0].usageType: is 1025 bytes');
    rejects(withAttachment((a) => { a.fileUrl = long; }), 'statement.attachments[0].fileUrl: is 1025 bytes');
  });

  it('attachments is an array', () => {
    rejects(withChange((s) => { s.attachments = attachment(); }), 'statement.attachments');
  });
});
