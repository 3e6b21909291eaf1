import type { SeededRandom } from './seeded-random.js';

/** A small mixed French and English class list: enough names that a roster of 2,000 reads as real people. */
const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Jade', 'Louise', 'Zoé', 'Lina', 'Emma', 'Sarah', 'Clara', 'Juliette', 'Anaïs', 'Margaux',
  'Hugo', 'Lucas', 'Louis', 'Nathan', 'Théo', 'Enzo', 'Mathis', 'Arthur', 'Jules', 'Raphaël', 'Gabriel', 'Noah', 'Maxime', 'Antoine', 'Yanis',
  'Olivia', 'Amelia', 'Isla', 'Grace', 'Emily', 'Sophie', 'Hannah', 'Alice', 'Ruby', 'Ella',
  'Oliver', 'George', 'Harry', 'Jack', 'Thomas', 'William', 'James', 'Samuel', 'Daniel', 'Adam',
];

const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel',
  'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François',
  'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin',
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Evans', 'Walker', 'Wright', 'Clarke', "O'Brien", 'Hughes',
];

export interface PersonName {
  givenName: string;
  familyName: string;
  name: string;
  email: string;
}

/** A name and the university address made from it (the user id keeps two namesakes' addresses apart). */
export function personName(random: SeededRandom, userId: string, domain: string): PersonName {
  const givenName = random.pick(FIRST_NAMES);
  const familyName = random.pick(LAST_NAMES);
  const local = `${ascii(givenName)}.${ascii(familyName)}${random.chance(0.3) ? userId : ''}`;
  return { givenName, familyName, name: `${givenName} ${familyName}`, email: `${local}@${domain}` };
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}
