package io.edakit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.edakit.workflow.test.InMemoryRunner;
import io.edakit.workflow.test.Mocks;

class SmokeTest {
    @Test
    void taskChoiceMap() {
        InMemoryRunner.Report report = Asl.run("""
            {'StartAt':'A','States':{
              'A':{'Type':'Task','Resource':'arn:aws:lambda:x','ResultPath':'$.a','Next':'C'},
              'C':{'Type':'Choice','Choices':[{'Variable':'$.a.ok','BooleanEquals':true,'Next':'M'}],'Default':'F'},
              'M':{'Type':'Map','ItemsPath':'$.items','ItemProcessor':{'StartAt':'D','States':{'D':{'Type':'Pass','Parameters':{'v.$':'States.Format(`x{}`, $)'},'End':true}}},'ResultPath':'$.out','End':true},
              'F':{'Type':'Fail','Error':'E'}}}
            """, "{'items':[1,2,3]}", new Mocks().succeed("A", Asl.json("{'ok':true}")));
        System.out.println(report);
        assertThat(report.outcome().succeeded()).isTrue();
        assertThat(report.outcome().output().get("out").toString()).isEqualTo("[{\"v\":\"x1\"},{\"v\":\"x2\"},{\"v\":\"x3\"}]");
    }
}
