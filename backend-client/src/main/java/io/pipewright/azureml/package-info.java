/**
 * Azure Machine Learning: a pipeline submitted as one Azure ML v2 pipeline job (Spark child jobs on
 * attached Synapse pools, command child jobs on compute clusters), watched through Resource
 * Manager and Run History, its children's logs tailed into the local log store. A {@link
 * io.pipewright.workspace.PipelineBackend} service.
 */
package io.pipewright.azureml;
