export {
  createClients,
  destroyClients,
  type AwsClients,
  type ClientOptions,
} from './create-clients';
