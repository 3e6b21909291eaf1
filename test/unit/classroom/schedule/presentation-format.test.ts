import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectPresentationFormat, presentationFileName } from '../../../../src/classroom/schedule/presentation-format.js';
import { dispositionFileName } from '../../../../src/classroom/schedule/classroom.routes.js';
import { zipFile } from './classroom-documents.js';

const detect = (bytes: Buffer) => {
  const f = detectPresentationFormat(bytes);
  return f.ok ? f.ext : `refused:${f.reason}`;
};

describe('presentation format', () => {
  it('recognises documents by their bytes', () => {
    assert.equal(detect(Buffer.from('%PDF-1.4\n...')), 'pdf');
    assert.equal(detect(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])), 'png');
    assert.equal(detect(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0])), 'jpg');
    assert.equal(detect(Buffer.from('{\\rtf1\\ansi Bonjour}')), 'rtf');
    assert.equal(detect(Buffer.from('Plan du cours\n1. Les lois\n')), 'txt');
    assert.equal(detect(zipFile([['mimetype', 'application/vnd.oasis.opendocument.presentation'], ['content.xml', '<x/>']])), 'odp');
    assert.equal(detect(zipFile([['mimetype', 'application/vnd.oasis.opendocument.text']])), 'odt');
    assert.equal(detect(zipFile([['[Content_Types].xml', '<Types/>'], ['ppt/presentation.xml', '<p/>']])), 'pptx');
    assert.equal(detect(zipFile([['[Content_Types].xml', '<Types/>'], ['word/document.xml', '<w/>']])), 'docx');
    assert.equal(detect(zipFile([['[Content_Types].xml', '<Types/>'], ['xl/workbook.xml', '<w/>']])), 'xlsx');
    const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500), Buffer.from(stream, 'utf16le')]);
    assert.equal(detect(ole('PowerPoint Document')), 'ppt');
    assert.equal(detect(ole('WordDocument')), 'doc');
    assert.equal(detect(ole('Workbook')), 'xls');
  });

  it('refuses programs, archives, markup and binary junk, whatever their name', () => {
    assert.equal(detect(Buffer.alloc(0)), 'refused:empty');
    assert.equal(detect(Buffer.from('MZ\x90\x00\x03')), 'refused:executable');
    assert.equal(detect(Buffer.from('\x7fELF\x02\x01')), 'refused:executable');
    assert.equal(detect(Buffer.from('#!/bin/sh\nrm -rf /\n')), 'refused:executable');
    assert.equal(detect(zipFile([['notes.txt', 'hello']])), 'refused:archive');
    assert.equal(detect(zipFile([['[Content_Types].xml', '<Types/>']])), 'refused:archive');
    assert.equal(detect(Buffer.from('<!DOCTYPE html><html><script>alert(1)</script>')), 'refused:markup');
    assert.equal(detect(Buffer.from('\uFEFF  <svg xmlns="http://www.w3.org/2000/svg"/>')), 'refused:markup');
    assert.equal(detect(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 'refused:ole-unknown');
    assert.equal(detect(Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x80])), 'refused:unknown');
    assert.equal(detect(Buffer.from('text with a NUL\0 byte')), 'refused:unknown');
  });

  it('gives the stored name the extension of what the file really is', () => {
    assert.equal(presentationFileName('Cours 1.pdf', 'pdf'), 'Cours 1.pdf');
    assert.equal(presentationFileName('photo.JPEG', 'jpg'), 'photo.JPEG');
    assert.equal(presentationFileName('slides.pdf', 'png'), 'slides.png');
    assert.equal(presentationFileName('notes', 'txt'), 'notes.txt');
    assert.equal(presentationFileName('../../etc/passwd', 'txt'), '.._.._etc_passwd.txt');
  });

  it('reads the file name from Content-Disposition, the UTF-8 form first', () => {
    assert.equal(dispositionFileName(`attachment; filename="Seance.pdf"; filename*=UTF-8''S%C3%A9ance.pdf`), 'Séance.pdf');
    assert.equal(dispositionFileName('attachment; filename="Cours 1.pdf"'), 'Cours 1.pdf');
    assert.equal(dispositionFileName('inline; filename=notes.txt'), 'notes.txt');
    assert.equal(dispositionFileName(`attachment; filename*=UTF-8''%E0%A4%A; filename="repli.pdf"`), 'repli.pdf');
    assert.equal(dispositionFileName(undefined), undefined);
  });
});
