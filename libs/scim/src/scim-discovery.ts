import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, type Resource } from './scim-filter';

/** What Leadpath supports, as RFC 7643 §5–7 describe it; these documents say exactly that and no more. */

const SPC_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export function serviceProviderConfig(base: string, maxResults: number): Resource {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description:
          'A provisioning token HR creates in Leadpath (POST /api/v1/scim-tokens), sent as Authorization: Bearer',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string): Resource[] {
  return [
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'A person of the organization',
      schema: CORE_USER,
      schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
    },
    {
      schemas: [RESOURCE_TYPE_SCHEMA],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A group; HR maps group names to Leadpath roles',
      schema: CORE_GROUP,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
    },
  ];
}

interface Attribute {
  name: string;
  type: 'string' | 'boolean' | 'complex' | 'reference' | 'dateTime';
  multiValued?: boolean;
  required?: boolean;
  caseExact?: boolean;
  mutability?: 'readOnly' | 'readWrite' | 'immutable';
  returned?: 'always' | 'default' | 'never';
  uniqueness?: 'none' | 'server';
  subAttributes?: Attribute[];
  referenceTypes?: string[];
  description: string;
}

function attribute(a: Attribute): Resource {
  return {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued ?? false,
    description: a.description,
    required: a.required ?? false,
    caseExact: a.caseExact ?? false,
    mutability: a.mutability ?? 'readWrite',
    returned: a.returned ?? 'default',
    uniqueness: a.uniqueness ?? 'none',
    ...(a.referenceTypes ? { referenceTypes: a.referenceTypes } : {}),
    ...(a.subAttributes ? { subAttributes: a.subAttributes.map(attribute) } : {}),
  };
}

const str = (name: string, description: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: 'string',
  description,
  ...extra,
});

const USER_ATTRIBUTES: Attribute[] = [
  str('userName', 'The key of the person, unique in the organization without regard to case', {
    required: true,
    uniqueness: 'server',
  }),
  str('externalId', 'The identity provider’s own id, kept as sent', { caseExact: true }),
  {
    name: 'name',
    type: 'complex',
    description: 'The person’s name',
    subAttributes: [
      str('formatted', 'The full name'),
      str('givenName', 'Given name'),
      str('familyName', 'Family name'),
    ],
  },
  str('displayName', 'The name Leadpath shows'),
  str('title', 'Job title'),
  { name: 'active', type: 'boolean', description: 'false deactivates the person: sign-in and sessions end' },
  {
    name: 'emails',
    type: 'complex',
    multiValued: true,
    description: 'Addresses as sent; need not be unique. Mail goes to the primary, else the first work address',
    subAttributes: [
      str('value', 'The address'),
      str('type', 'work, home, other'),
      str('display', 'How to show it'),
      { name: 'primary', type: 'boolean', description: 'The address to mail' },
    ],
  },
  {
    name: 'groups',
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    description: 'The groups the person is a member of (change them through Groups)',
    subAttributes: [
      str('value', 'The group’s id', { mutability: 'readOnly' }),
      { name: '$ref', type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly', description: 'The group' },
      str('display', 'The group’s name', { mutability: 'readOnly' }),
    ],
  },
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  str('department', 'Sets the department of the person’s mentee enrolment'),
  {
    name: 'manager',
    type: 'complex',
    description: 'The line manager, by SCIM id (or externalId or userName); linked when they arrive',
    subAttributes: [
      str('value', 'The manager’s id'),
      { name: '$ref', type: 'reference', referenceTypes: ['User'], description: 'The manager' },
    ],
  },
];

const GROUP_ATTRIBUTES: Attribute[] = [
  str('displayName', 'The group’s name, unique in the organization without regard to case; HR maps it to a role', {
    required: true,
    uniqueness: 'server',
  }),
  str('externalId', 'The identity provider’s own id, kept as sent', { caseExact: true }),
  {
    name: 'members',
    type: 'complex',
    multiValued: true,
    description: 'The people of the group; joining or leaving changes their roles at once',
    subAttributes: [
      str('value', 'The member’s User id', { mutability: 'immutable', caseExact: true }),
      { name: '$ref', type: 'reference', referenceTypes: ['User'], mutability: 'immutable', description: 'The member' },
      str('display', 'The member’s name', { mutability: 'readOnly' }),
    ],
  },
];

export function schemas(base: string): Resource[] {
  const schema = (id: string, name: string, description: string, attributes: Attribute[]): Resource => ({
    schemas: [SCHEMA_SCHEMA],
    id,
    name,
    description,
    attributes: attributes.map(attribute),
    meta: { resourceType: 'Schema', location: `${base}/Schemas/${id}` },
  });
  return [
    schema(CORE_USER, 'User', 'User Account', USER_ATTRIBUTES),
    schema(ENTERPRISE_USER, 'EnterpriseUser', 'Enterprise User', ENTERPRISE_ATTRIBUTES),
    schema(CORE_GROUP, 'Group', 'Group', GROUP_ATTRIBUTES),
  ];
}
