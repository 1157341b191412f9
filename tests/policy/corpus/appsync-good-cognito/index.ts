import * as aws from "@pulumi/aws";

const schema = `
type Note { id: ID! text: String }
type Query { notes: [Note] }
type Mutation { addNote(text: String!): Note }
schema { query: Query mutation: Mutation }
`;

const users = new aws.cognito.UserPool("notes", { mfaConfiguration: "OPTIONAL", softwareTokenMfaConfiguration: { enabled: true } });

new aws.appsync.GraphQLApi("notes", {
    authenticationType: "AMAZON_COGNITO_USER_POOLS",
    userPoolConfig: { userPoolId: users.id, awsRegion: "us-east-1", defaultAction: "ALLOW" },
    schema,
});
