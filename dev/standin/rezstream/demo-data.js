'use strict';

// Static building blocks for the rezStream stand-in (dev/standin/rezstream/).
// Plain data only: the stand-in turns it into tenants, inventory and reservations with its
// seeded PRNG. Nothing here is vendor data; every name, address and phone number is made up
// (phone numbers use the fictional 555-01xx range).

const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William',
  'Mia', 'Benjamin', 'Charlotte', 'Lucas', 'Amelia', 'Henry', 'Harper', 'Theodore', 'Evelyn',
  'Jack', 'Abigail', 'Owen', 'Emily', 'Samuel', 'Ella', 'Daniel', 'Grace', 'Matthew', 'Chloe',
  'Nora', 'Caleb', 'Hazel', 'Isaac', 'Lucy', 'Ruth', 'Margaret', 'Walter', 'Priya', 'Arjun',
  'Mei', 'Hiroshi', 'Sofía', 'Mateo', 'Zoë', 'Chloé', 'Anaïs', 'Björn', 'Siobhan', 'Kwame',
];

const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young',
  "O'Connor", 'McAllister', 'Nguyen', 'Patel', 'Kim', 'Okafor', 'Schmidt', 'Rossi', 'Dubois',
  'van der Berg', 'Fitzgerald', 'Delacroix-Hart', 'Yamamoto', 'Brennan', 'Whitaker', 'Lindqvist',
];

const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org', 'mail.example.com'];

const NOTES = [
  'Late arrival, around 9pm.',
  'Celebrating an anniversary; flowers requested.',
  'Allergic to feathers: hypoallergenic pillows please.',
  'Gluten-free breakfast.',
  'Travelling with a small dog (approved).',
  'Requested ground-floor room.',
  'Early check-in if possible.',
  'Returning guests, prefer the same room as last year.',
  'Will need parking for two cars.',
  'Quiet room away from the stairs, please.',
];

const BLOCK_REASONS = ['Maintenance', 'Owner stay', 'Deep cleaning', 'Painting', 'Plumbing repair'];

// Demo mode: a small inn ('Maple Inn') and a smaller second tenant ('Harbor B&B').
// Units reference their property and unit type by key; rates reference unit types by key.
const DEMO_TENANTS = [
  {
    key: 'maple',
    name: 'Maple Inn',
    timeZone: 'America/New_York',
    currency: 'USD',
    address: {
      line1: '12 Orchard Lane', line2: null, city: 'Stowe', region: 'VT', postalCode: '05672', country: 'US',
    },
    reservations: 48,
    properties: [
      { key: 'main', name: 'Main House' },
      { key: 'carriage', name: 'Carriage House' },
    ],
    unitTypes: [
      { key: 'queen', name: 'Queen', maxOccupancy: 2 },
      { key: 'king', name: 'King Suite', maxOccupancy: 3 },
      { key: 'cottage', name: 'Cottage', maxOccupancy: 4 },
    ],
    units: [
      { name: 'Room 1 – Garden', property: 'main', unitType: 'queen' },
      { name: 'Room 2 – Library', property: 'main', unitType: 'queen' },
      { name: 'Room 3 – Maple', property: 'main', unitType: 'king' },
      { name: 'Room 4 – Orchard', property: 'main', unitType: 'queen' },
      { name: 'Room 5 – Summit', property: 'main', unitType: 'king' },
      { name: 'Room 6 – Hayloft', property: 'carriage', unitType: 'king' },
      { name: 'Room 7 – Stable Cottage', property: 'carriage', unitType: 'cottage' },
      { name: 'Room 8 – Brookside Cottage', property: 'carriage', unitType: 'cottage' },
    ],
    ratePlans: [
      { key: 'standard', name: 'Standard' },
      { key: 'advance', name: 'Advance Purchase' },
    ],
    rates: [
      { name: 'Standard', plan: 'standard', unitTypes: ['queen', 'king', 'cottage'], basePrice: 159, weekendBump: 30, defaultRate: true, extraGuestCharges: true },
      { name: 'Bed & Breakfast', plan: 'standard', unitTypes: ['queen', 'king', 'cottage'], basePrice: 184, weekendBump: 30 },
      { name: 'Non-refundable', plan: 'advance', unitTypes: ['queen', 'king', 'cottage'], basePrice: 143, weekendBump: 25 },
    ],
    blocks: 2,
  },
  {
    key: 'harbor',
    name: 'Harbor B&B',
    timeZone: 'America/Los_Angeles',
    currency: 'USD',
    address: {
      line1: '400 Wharf Street', line2: null, city: 'Mendocino', region: 'CA', postalCode: '95460', country: 'US',
    },
    reservations: 10,
    properties: [{ key: 'harbor', name: 'Harbor House' }],
    unitTypes: [
      { key: 'double', name: 'Double', maxOccupancy: 2 },
      { key: 'view', name: 'Ocean View Suite', maxOccupancy: 3 },
    ],
    units: [
      { name: 'Room 1 – Lighthouse', property: 'harbor', unitType: 'double' },
      { name: 'Room 2 – Driftwood', property: 'harbor', unitType: 'double' },
      { name: 'Room 3 – Bay View', property: 'harbor', unitType: 'view' },
    ],
    ratePlans: [{ key: 'standard', name: 'Standard' }],
    rates: [
      { name: 'Standard', plan: 'standard', unitTypes: ['double', 'view'], basePrice: 210, weekendBump: 40, defaultRate: true },
    ],
    blocks: 1,
  },
];

module.exports = {
  FIRST_NAMES,
  LAST_NAMES,
  EMAIL_DOMAINS,
  NOTES,
  BLOCK_REASONS,
  DEMO_TENANTS,
};
