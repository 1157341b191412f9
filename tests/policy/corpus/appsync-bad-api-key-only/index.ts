import * as aws from "@pulumi/aws";

const schema = `
type Note { id: ID! text: String }
type Query { notes: [Note] }
type Mutation { addNote(text: String!): Note }
schema { query: Query mutation: Mutation }
`;

const api = new aws.appsync.GraphQLApi("notes", { authenticationType: "API_KEY", schema });
new aws.appsync.ApiKey("notes", { apiId: api.id });
