import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translatorFor } from '../../../../tool/src/i18n/i18n.js';
import { processingStageText } from '../../../../tool/src/video/editor/processing-stage.js';

describe('processing stage shown to the teacher', () => {
  const fr = translatorFor('fr');
  const en = translatorFor('en');

  it('translates each stage the transcode reports', () => {
    assert.equal(processingStageText('Preparing images', fr), 'préparation de l’affiche et des vignettes');
    assert.equal(processingStageText('Encoding 240p', fr), 'encodage 240p');
    assert.equal(processingStageText('Encoding 360p, 480p, 720p', en), 'encoding 360p, 480p, 720p');
    assert.equal(processingStageText('Encoding audio', fr), 'encodage du son');
    assert.equal(processingStageText('Preparing download', fr), 'préparation du téléchargement');
    assert.equal(processingStageText('Done', en), 'finishing');
  });

  it('shows an unknown label as sent', () => {
    assert.equal(processingStageText('Something new', fr), 'Something new');
  });
});
